package io.rgbunmix.geoserver;

import org.geoserver.wps.jts.SpringBeanProcessFactory;

/**
 * Publishes the {@link UnmixProcess} beans in the {@code unmix} namespace. A class of its own,
 * not a second {@code SpringBeanProcessFactory} bean: GeoServer keys its WPS process groups by
 * factory class, and a second instance of GeoServer's class took the place of the {@code gs:}
 * group (gs:Import and gs:PagedUnique vanished from GeoServer's WPS).
 */
public class UnmixProcessFactory extends SpringBeanProcessFactory {
    public static final String NAMESPACE = "unmix";

    public UnmixProcessFactory() {
        super("rgbunmix land-cover abundances", NAMESPACE, UnmixProcess.class);
    }
}
