package io.rgbunmix.ancillary;

import org.locationtech.jts.geom.Geometry;

/** A feature carrying ancillary values: polygon(s) or point(s), with an id for messages. */
public record AncillaryFeature(String id, Geometry geometry, AncillaryValues values) {
}
