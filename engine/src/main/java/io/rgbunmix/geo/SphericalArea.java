package io.rgbunmix.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * The area of a longitude/latitude polygon on the sphere of the Earth's authalic radius (the sphere of
 * the same area as the WGS 84 ellipsoid), by the ring formula of Chamberlain and Duquette (JPL, 2007).
 * For a window of a few kilometres it is within half a percent of the ellipsoid's area, whatever CRS the
 * window was drawn in.
 */
public final class SphericalArea {
    /** Metres: the radius of the sphere with the WGS 84 ellipsoid's surface area. */
    private static final double AUTHALIC_RADIUS = 6_371_007.181;

    private SphericalArea() {
    }

    /** Square kilometres inside the outer ring of {@code lonLat} (degrees, longitude first). */
    public static double squareKilometres(Polygon lonLat) {
        Coordinate[] ring = lonLat.getExteriorRing().getCoordinates();
        double sum = 0;
        for (int i = 0; i + 1 < ring.length; i++) {
            Coordinate a = ring[i];
            Coordinate b = ring[i + 1];
            sum += Math.toRadians(b.x - a.x) * (2 + Math.sin(Math.toRadians(a.y)) + Math.sin(Math.toRadians(b.y)));
        }
        return Math.abs(sum * AUTHALIC_RADIUS * AUTHALIC_RADIUS / 2) / 1e6;
    }
}
