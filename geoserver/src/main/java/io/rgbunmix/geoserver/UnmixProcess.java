package io.rgbunmix.geoserver;

/**
 * Marks the beans that {@link UnmixProcessFactory} publishes in the {@code unmix} namespace
 * (see applicationContext.xml).
 */
public interface UnmixProcess {
}
