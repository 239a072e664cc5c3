package io.rgbunmix.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.windows.Window;
import io.rgbunmix.windows.WindowGrid;
import java.awt.geom.AffineTransform;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

class RasterGeometryTest {
    private static final double A = 6378137.0;              // WGS 84 semi-major axis
    private static final double F = 1 / 298.257223563;      // flattening
    private static final double K0 = 0.9996;                // UTM scale on the central meridian

    /**
     * Latitude of a point on a UTM central meridian from its northing: the footpoint latitude
     * of the meridian arc M = N / k0 (Snyder, Map Projections - A Working Manual, eq. 3-26, 7-19).
     */
    static double latitudeOnCentralMeridian(double northing) {
        double e2 = F * (2 - F);
        double mu = northing / K0 / (A * (1 - e2 / 4 - 3 * e2 * e2 / 64 - 5 * e2 * e2 * e2 / 256));
        double e1 = (1 - Math.sqrt(1 - e2)) / (1 + Math.sqrt(1 - e2));
        double phi = mu + (3 * e1 / 2 - 27 * Math.pow(e1, 3) / 32) * Math.sin(2 * mu)
                + (21 * e1 * e1 / 16 - 55 * Math.pow(e1, 4) / 32) * Math.sin(4 * mu)
                + (151 * Math.pow(e1, 3) / 96) * Math.sin(6 * mu)
                + (1097 * Math.pow(e1, 4) / 512) * Math.sin(8 * mu);
        return Math.toDegrees(phi);
    }

    @Test
    void footprintInTheRasterCrsIsOriginPlusPixelSteps() {
        RasterGeometry geometry = TestData.utm(2000, 2000, 300000, 4200000, 10);
        WindowGrid grid = new WindowGrid(2000, 2000, 224, 224);
        Window w = grid.window(2, 3);
        Polygon footprint = geometry.footprint(w.x(), w.y(), 224, 224);
        var env = footprint.getEnvelopeInternal();
        assertEquals(300000 + 3 * 2240, env.getMinX(), 1e-9);
        assertEquals(300000 + 4 * 2240, env.getMaxX(), 1e-9);
        assertEquals(4200000 - 3 * 2240, env.getMinY(), 1e-9);
        assertEquals(4200000 - 2 * 2240, env.getMaxY(), 1e-9);
        assertEquals(2240 * 2240, footprint.getArea(), 1e-6);
    }

    @Test
    void footprintInWgs84MatchesIndependentUtmArithmetic() {
        // Window (1, 0)'s left edge lies on zone 30's central meridian (easting 500000, longitude -3).
        RasterGeometry geometry = TestData.utm(1000, 1000, 500000, 4200000, 10);
        Window w = new WindowGrid(1000, 1000, 224, 224).window(1, 0);
        Polygon footprint = geometry.footprint(w.x(), w.y(), 224, 224);
        Polygon lonLat = new Reprojection(geometry.crs(), Crs.LON_LAT).apply(footprint);
        Coordinate upperLeft = lonLat.getExteriorRing().getCoordinateN(0);
        Coordinate lowerLeft = lonLat.getExteriorRing().getCoordinateN(1);
        assertEquals(-3.0, upperLeft.x, 1e-9);
        assertEquals(-3.0, lowerLeft.x, 1e-9);
        assertEquals(latitudeOnCentralMeridian(4200000 - 2240), upperLeft.y, 1e-8);
        assertEquals(latitudeOnCentralMeridian(4200000 - 4480), lowerLeft.y, 1e-8);
        // the right edge is 2240 m east: at ~37.9 N one degree of longitude is ~87.9 km
        Coordinate upperRight = lonLat.getExteriorRing().getCoordinateN(3);
        double metresPerDegree = Math.PI / 180 * A * Math.cos(Math.toRadians(upperRight.y))
                / Math.sqrt(1 - F * (2 - F) * Math.pow(Math.sin(Math.toRadians(upperRight.y)), 2));
        assertEquals(2240 / K0 / metresPerDegree, upperRight.x + 3.0, 1e-6);
    }

    @Test
    void pixelSizeIsMeasuredOnTheGroundForProjectedAndGeographicCrs() throws RasterException {
        double[] utm = TestData.utm(1000, 1000, 500000, 4200000, 10).pixelSizeMetres();
        assertEquals(10 / K0, utm[0], 0.01);
        assertEquals(10 / K0, utm[1], 0.01);
        // 0.0001 degree at 37.5 N (the raster centre): east-west N(phi) cos(phi) dLambda,
        // north-south M(phi) dPhi, with the ellipsoid's radii of curvature
        RasterGeometry geographic = new RasterGeometry(1000, 1000, Crs.forCode("EPSG:4326"),
                new AffineTransform(0.0001, 0, 0, -0.0001, -5.05, 37.55));
        double[] degrees = geographic.pixelSizeMetres();
        double phi = Math.toRadians(37.5);
        double e2 = F * (2 - F);
        double w = 1 - e2 * Math.sin(phi) * Math.sin(phi);
        double step = Math.toRadians(0.0001);
        assertEquals(A / Math.sqrt(w) * Math.cos(phi) * step, degrees[0], 1e-4);
        assertEquals(A * (1 - e2) / Math.pow(w, 1.5) * step, degrees[1], 1e-3);
        geographic.checkPixelSize(10, 0.25);
    }

    @Test
    void wrongPixelSizeSaysWhatWasFoundAndWhatIsExpected() {
        RasterGeometry coarse = TestData.utm(1000, 1000, 500000, 4200000, 30);
        String message = assertThrows(RasterException.class, () -> coarse.checkPixelSize(10, 0.25)).getMessage();
        assertTrue(message.startsWith("pixel size is 30.01 x 30.01 m"), message);
        assertTrue(message.contains("expects 10 m") && message.contains("25 %"), message);
    }
}
