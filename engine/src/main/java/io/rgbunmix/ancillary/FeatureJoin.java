package io.rgbunmix.ancillary;

import io.rgbunmix.geo.Reprojection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Joins features to window footprints (SPEC section 4), in the raster's CRS:
 * polygons give the mean of the intersecting features weighted by intersection area;
 * points give the mean of the points inside the footprint, else the nearest point within
 * one window width of it. Line features are refused when the join is built; features the raster's CRS
 * cannot place are left out, and invalid polygons are repaired.
 */
public final class FeatureJoin implements AncillarySource {
    /** Beyond any projected CRS's extent on Earth (metres, or degrees): a coordinate that is noise or an attack. */
    private static final double MAX_ORDINATE = 1e9;
    private final STRtree polygons = new STRtree();
    private final STRtree points = new STRtree();
    private final boolean hasPolygons;
    private final boolean hasPoints;

    /** Reprojects the features from {@code featureCrs} to {@code rasterCrs} and indexes them. */
    public FeatureJoin(List<AncillaryFeature> features, CoordinateReferenceSystem featureCrs,
                       CoordinateReferenceSystem rasterCrs) {
        Reprojection reprojection = new Reprojection(featureCrs, rasterCrs);
        int polygonCount = 0;
        int pointCount = 0;
        for (AncillaryFeature feature : features) {
            Geometry geometry = feature.geometry();
            if (geometry == null || geometry.isEmpty()) {
                continue;
            }
            if (geometry instanceof Lineal) {
                throw new IllegalArgumentException("feature " + feature.id() + ": line geometries ("
                        + geometry.getGeometryType() + ") are not accepted as ancillary data; use polygons or points");
            }
            Geometry placed = usable(feature, reprojection);
            if (placed == null) {
                continue;
            }
            AncillaryFeature local = new AncillaryFeature(feature.id(), placed, feature.values());
            if (geometry instanceof Polygonal) {
                polygons.insert(local.geometry().getEnvelopeInternal(), local);
                polygonCount++;
            } else if (geometry instanceof Puntal) {
                points.insert(local.geometry().getEnvelopeInternal(), local);
                pointCount++;
            } else {
                throw new IllegalArgumentException("feature " + feature.id() + ": geometry type "
                        + geometry.getGeometryType() + " is not accepted; use polygons or points");
            }
        }
        this.hasPolygons = polygonCount > 0;
        this.hasPoints = pointCount > 0;
    }

    /**
     * The feature's geometry in the raster's CRS, ready for overlay, or null when it cannot be placed
     * there (a point on the other side of the Earth from a UTM zone, a coordinate of 1e308): such a
     * feature is nowhere near the raster, and is left out. An invalid polygon (a bow-tie, a ring that
     * touches itself) is repaired as GIS tools' "fix geometries" does: the areas it encloses are kept,
     * and no overlay fails on it later.
     */
    private static Geometry usable(AncillaryFeature feature, Reprojection reprojection) {
        Geometry geometry;
        try {
            geometry = reprojection.apply(feature.geometry());
        } catch (IllegalArgumentException cannotTransform) {
            return null;
        }
        for (Coordinate c : geometry.getCoordinates()) {
            if (!Double.isFinite(c.x) || !Double.isFinite(c.y) || Math.abs(c.x) > MAX_ORDINATE
                    || Math.abs(c.y) > MAX_ORDINATE) {
                return null;
            }
        }
        if (geometry instanceof Polygonal && !geometry.isValid()) {
            Geometry fixed = GeometryFixer.fix(geometry);
            return fixed instanceof Polygonal && !fixed.isEmpty() ? fixed : null;
        }
        return geometry;
    }

    @Override
    public Optional<AncillaryValues> valuesFor(Polygon footprint) {
        Optional<AncillaryValues> fromPolygons = hasPolygons ? areaWeighted(footprint) : Optional.empty();
        if (fromPolygons.isPresent() || !hasPoints) {
            return fromPolygons;
        }
        return fromPoints(footprint);
    }

    private Optional<AncillaryValues> areaWeighted(Polygon footprint) {
        double[] sum = null;
        double totalArea = 0;
        for (AncillaryFeature feature : candidates(polygons, footprint.getEnvelopeInternal())) {
            // OverlayNGRobust: snapping where floating-point noding fails, so that a valid polygon never does
            double area = OverlayNGRobust.overlay(footprint, feature.geometry(), OverlayNG.INTERSECTION).getArea();
            if (area > 0) {
                sum = accumulate(sum, feature.values(), area);
                totalArea += area;
            }
        }
        return sum == null ? Optional.empty() : Optional.of(divide(sum, totalArea));
    }

    private Optional<AncillaryValues> fromPoints(Polygon footprint) {
        double[] sum = null;
        int inside = 0;
        for (AncillaryFeature feature : candidates(points, footprint.getEnvelopeInternal())) {
            if (footprint.covers(feature.geometry())) {
                sum = accumulate(sum, feature.values(), 1);
                inside++;
            }
        }
        if (sum != null) {
            return Optional.of(divide(sum, inside));
        }
        double windowWidth = Math.sqrt(footprint.getArea()); // footprints are squares
        Envelope search = new Envelope(footprint.getEnvelopeInternal());
        search.expandBy(windowWidth);
        AncillaryFeature nearest = null;
        double best = Double.POSITIVE_INFINITY;
        for (AncillaryFeature feature : candidates(points, search)) {
            double distance = footprint.distance(feature.geometry());
            if (distance <= windowWidth && distance < best) {
                best = distance;
                nearest = feature;
            }
        }
        return nearest == null ? Optional.empty() : Optional.of(nearest.values());
    }

    @SuppressWarnings("unchecked")
    private static List<AncillaryFeature> candidates(STRtree index, Envelope envelope) {
        return new ArrayList<>(index.query(envelope));
    }

    private static double[] accumulate(double[] sum, AncillaryValues values, double weight) {
        double[] target = sum == null ? new double[values.values().length] : sum;
        for (int i = 0; i < target.length; i++) {
            target[i] += values.get(i) * weight;
        }
        return target;
    }

    private static AncillaryValues divide(double[] sum, double total) {
        double[] mean = new double[sum.length];
        for (int i = 0; i < sum.length; i++) {
            mean[i] = sum[i] / total;
        }
        return new AncillaryValues(mean).from("features");
    }
}
