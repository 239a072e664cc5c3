package io.rgbunmix.geoserver;

/**
 * Marks the beans that GeoServer's {@code SpringBeanProcessFactory} publishes in the
 * {@code unmix} namespace (see applicationContext.xml).
 */
public interface UnmixProcess {
}
