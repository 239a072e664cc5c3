package io.rgbunmix.ancillary;

import java.util.List;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/** Ancillary features as read from a file, and the CRS (east/north order) their coordinates are in. */
public record FeatureCollection(List<AncillaryFeature> features, CoordinateReferenceSystem crs) {
}
