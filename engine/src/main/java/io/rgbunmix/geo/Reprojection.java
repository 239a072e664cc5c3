package io.rgbunmix.geo;

import org.apache.sis.referencing.CRS;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.referencing.operation.TransformException;
import org.opengis.util.FactoryException;

/** Moves JTS geometries from one CRS to another (both in east/north order). */
public final class Reprojection {
    private final MathTransform transform;

    public Reprojection(CoordinateReferenceSystem source, CoordinateReferenceSystem target) {
        try {
            this.transform = CRS.findOperation(source, target, null).getMathTransform();
        } catch (FactoryException e) {
            throw new IllegalArgumentException("no coordinate operation from " + Crs.label(source)
                    + " to " + Crs.label(target) + ": " + e.getMessage(), e);
        }
    }

    public boolean isIdentity() {
        return transform.isIdentity();
    }

    /** Transforms one point given as (x, y); returns a new array. */
    public double[] apply(double x, double y) {
        double[] point = {x, y};
        try {
            transform.transform(point, 0, point, 0, 1);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform (" + x + ", " + y + "): " + e.getMessage(), e);
        }
        return point;
    }

    /** Transforms {@code count} points given as x0, y0, x1, y1, ... in place: one call for many points. */
    public void applyInPlace(double[] points, int count) {
        try {
            transform.transform(points, 0, points, 0, count);
        } catch (TransformException e) {
            throw new IllegalArgumentException("cannot transform " + count + " points: " + e.getMessage(), e);
        }
    }

    /** A transformed copy of the geometry; the argument is left untouched. */
    public <G extends Geometry> G apply(G geometry) {
        if (isIdentity()) {
            return geometry;
        }
        @SuppressWarnings("unchecked")
        G copy = (G) geometry.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence sequence, int i) {
                double[] p = Reprojection.this.apply(sequence.getX(i), sequence.getY(i));
                sequence.setOrdinate(i, 0, p[0]);
                sequence.setOrdinate(i, 1, p[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
