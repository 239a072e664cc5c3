package io.rgbunmix.raster;

import java.util.Arrays;
import java.util.Locale;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import org.apache.sis.referencing.GeodeticCalculator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Where a raster lies: its size, its CRS (east/north order) and the affine transform from
 * pixel corners to CRS coordinates. Gives window footprints and checks the pixel size.
 */
public record RasterGeometry(int width, int height, CoordinateReferenceSystem crs, AffineTransform gridToCrs) {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** CRS coordinates of a pixel-grid position (pixel corners are integers). */
    public Point2D toCrs(double x, double y) {
        return gridToCrs.transform(new Point2D.Double(x, y), null);
    }

    /** The footprint of the pixel rectangle [x, x+w) x [y, y+h) in the raster CRS. */
    public Polygon footprint(int x, int y, int w, int h) {
        Coordinate[] ring = new Coordinate[5];
        int[][] corners = {{x, y}, {x, y + h}, {x + w, y + h}, {x + w, y}, {x, y}};
        for (int i = 0; i < corners.length; i++) {
            Point2D p = toCrs(corners[i][0], corners[i][1]);
            ring[i] = new Coordinate(p.getX(), p.getY());
        }
        return GEOMETRY.createPolygon(ring);
    }

    /**
     * Ground size of one pixel at the raster centre, in metres, measured as geodesic
     * distances on the ellipsoid, so it holds for projected and geographic CRSs alike:
     * {along a row, along a column}.
     */
    public double[] pixelSizeMetres() {
        Reprojection toLonLat = new Reprojection(crs, Crs.LON_LAT);
        double cx = width / 2.0;
        double cy = height / 2.0;
        double[] centre = lonLat(toLonLat, cx, cy);
        double[] right = lonLat(toLonLat, cx + 1, cy);
        double[] down = lonLat(toLonLat, cx, cy + 1);
        GeodeticCalculator calculator = GeodeticCalculator.create(Crs.LON_LAT);
        return new double[] {distance(calculator, centre, right), distance(calculator, centre, down)};
    }

    private double[] lonLat(Reprojection toLonLat, double x, double y) {
        Point2D p = toCrs(x, y);
        return toLonLat.apply(p.getX(), p.getY());
    }

    private static double distance(GeodeticCalculator calculator, double[] a, double[] b) {
        calculator.setStartGeographicPoint(a[1], a[0]);
        calculator.setEndGeographicPoint(b[1], b[0]);
        return calculator.getGeodesicDistance();
    }

    /** Fails unless both pixel sides are within {@code tolerance} (0.25 = 25 %) of {@code expected} metres. */
    public void checkPixelSize(double expected, double tolerance) throws RasterException {
        double[] matrix = new double[6];
        gridToCrs.getMatrix(matrix);
        double determinant = gridToCrs.getDeterminant();
        if (determinant == 0 || !Double.isFinite(determinant) || !Arrays.stream(matrix).allMatch(Double::isFinite)) {
            throw new RasterException("its georeferencing gives pixels of size zero, or not a number, so no window can "
                    + "be placed: set its pixel size (10 m for Sentinel-2 RGB) and origin");
        }
        double[] size;
        try {
            size = pixelSizeMetres();
        } catch (IllegalArgumentException e) {
            throw new RasterException("its centre cannot be placed on Earth from its georeferencing (CRS "
                    + Crs.label(crs) + "): check its CRS, origin and pixel size");
        }
        for (double side : size) {
            if (!(Math.abs(side - expected) <= expected * tolerance)) {
                throw new RasterException(String.format(Locale.ROOT,
                        "pixel size is %.2f x %.2f m at the raster centre (CRS %s); the model expects %.0f m "
                                + "(Sentinel-2 RGB) within %.0f %%: resample the raster to %.0f m first",
                        size[0], size[1], Crs.label(crs), expected, tolerance * 100, expected));
            }
        }
    }
}
