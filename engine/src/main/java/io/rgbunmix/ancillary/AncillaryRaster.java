package io.rgbunmix.ancillary;

import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Strip;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import org.apache.sis.measure.Units;
import org.apache.sis.referencing.GeodeticCalculator;
import org.apache.sis.referencing.CommonCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;

/**
 * One ancillary variable from a raster (its first band): the mean over a window's footprint of the
 * raster's values, or, for a DEM, of its slope in degrees by Horn's method. The footprint is taken
 * into the raster's CRS, whatever its resolution; the pixels whose centres fall inside it are
 * averaged, no-data pixels left out. A raster coarser than the window, with no pixel centre inside,
 * gives the value of the pixel under the footprint's centre. Not thread-safe (it reads its raster).
 */
public final class AncillaryRaster {
    /** What is averaged. */
    public enum Quantity { VALUE, SLOPE_DEGREES }

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private final RasterSource raster;
    private final Quantity quantity;
    private final Reprojection toRaster;
    private final AffineTransform crsToGrid;
    private final double noData;
    private final boolean geographic;
    /** Metres per CRS unit along each axis, for projected CRSs. */
    private final double metresPerUnit;

    /**
     * @param raster    the raster; its CRS may differ from the image's
     * @param imageCrs  the CRS of the footprints to be given
     */
    public AncillaryRaster(RasterSource raster, Quantity quantity, CoordinateReferenceSystem imageCrs)
            throws RasterException {
        this.raster = raster;
        this.quantity = quantity;
        RasterGeometry geometry = raster.geometry();
        this.toRaster = new Reprojection(imageCrs, geometry.crs());
        try {
            this.crsToGrid = geometry.gridToCrs().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new RasterException(raster.name() + ": its grid-to-CRS transform cannot be inverted", e);
        }
        this.noData = raster.noData(0);
        this.geographic = geometry.crs() instanceof GeographicCRS;
        double factor = 1;
        if (!geographic) {
            var unit = geometry.crs().getCoordinateSystem().getAxis(0).getUnit();
            factor = unit == null ? 1 : Units.toStandardUnit(unit);
            if (quantity == Quantity.SLOPE_DEGREES && !Units.isLinear(unit)) {
                throw new RasterException(raster.name() + ": a DEM's CRS must be projected (in metres or feet) or "
                        + "geographic, not in " + unit);
            }
        }
        this.metresPerUnit = factor;
    }

    public String name() {
        return raster.name();
    }

    /** The mean over the footprint (in the image's CRS), or NaN where the raster has no data there. */
    public double mean(Polygon footprint) throws RasterException {
        Polygon local = toRaster.apply(footprint);
        Envelope box = local.getEnvelopeInternal();
        int margin = quantity == Quantity.SLOPE_DEGREES ? 1 : 0;
        double[] corners = {box.getMinX(), box.getMinY(), box.getMaxX(), box.getMinY(),
                box.getMinX(), box.getMaxY(), box.getMaxX(), box.getMaxY()};
        crsToGrid.transform(corners, 0, corners, 0, 4);
        double minCol = Math.min(Math.min(corners[0], corners[2]), Math.min(corners[4], corners[6]));
        double maxCol = Math.max(Math.max(corners[0], corners[2]), Math.max(corners[4], corners[6]));
        double minRow = Math.min(Math.min(corners[1], corners[3]), Math.min(corners[5], corners[7]));
        double maxRow = Math.max(Math.max(corners[1], corners[3]), Math.max(corners[5], corners[7]));
        RasterGeometry geometry = raster.geometry();
        int x0 = (int) Math.max(0, Math.floor(minCol) - margin);
        int y0 = (int) Math.max(0, Math.floor(minRow) - margin);
        int x1 = (int) Math.min(geometry.width(), Math.ceil(maxCol) + margin);
        int y1 = (int) Math.min(geometry.height(), Math.ceil(maxRow) + margin);
        if (x1 - x0 <= 2 * margin || y1 - y0 <= 2 * margin) {
            return Double.NaN;   // outside the raster
        }
        Strip region = raster.readRegion(x0, y0, x1 - x0, y1 - y0, new int[] {0});
        PreparedGeometry inside = PreparedGeometryFactory.prepare(local);
        double sum = 0;
        long count = 0;
        for (int y = y0 + margin; y < y1 - margin; y++) {
            double[] spacing = quantity == Quantity.SLOPE_DEGREES ? spacingMetres(x0, y) : null;
            for (int x = x0 + margin; x < x1 - margin; x++) {
                Point2D centre = geometry.toCrs(x + 0.5, y + 0.5);
                if (!inside.contains(GEOMETRY.createPoint(new Coordinate(centre.getX(), centre.getY())))) {
                    continue;
                }
                double value = quantity == Quantity.SLOPE_DEGREES
                        ? slope(region, x0, x, y, spacing) : valid(region.sample(0, x - x0, y));
                if (!Double.isNaN(value)) {
                    sum += value;
                    count++;
                }
            }
        }
        if (count > 0) {
            return sum / count;
        }
        return centreValue(local, region, x0, y0, margin);
    }

    /** A raster coarser than the window: the pixel under the footprint's centre. */
    private double centreValue(Polygon local, Strip region, int x0, int y0, int margin) {
        Point2D centre = crsToGrid.transform(new Point2D.Double(local.getCentroid().getX(), local.getCentroid().getY()), null);
        int x = (int) Math.floor(centre.getX());
        int y = (int) Math.floor(centre.getY());
        if (x < x0 + margin || y < y0 + margin || x >= x0 + region.width() - margin || y >= y0 + region.rows() - margin) {
            return Double.NaN;
        }
        return quantity == Quantity.SLOPE_DEGREES
                ? slope(region, x0, x, y, spacingMetres(x0, y)) : valid(region.sample(0, x - x0, y));
    }

    private double valid(float value) {
        return Float.isNaN(value) || value == noData ? Double.NaN : value;
    }

    /**
     * Horn's slope (the one of GDAL's gdaldem and of most GIS) at pixel (x, y), from its 3 x 3
     * neighbourhood; NaN when a neighbour has no data.
     */
    private double slope(Strip region, int x0, int x, int y, double[] spacing) {
        double[] z = new double[9];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                double value = valid(region.sample(0, x + dx - x0, y + dy));
                if (Double.isNaN(value)) {
                    return Double.NaN;
                }
                z[(dy + 1) * 3 + dx + 1] = value;
            }
        }
        // a b c / d e f / g h i, rows going south for a north-up raster
        double dzdx = ((z[2] + 2 * z[5] + z[8]) - (z[0] + 2 * z[3] + z[6])) / (8 * spacing[0]);
        double dzdy = ((z[6] + 2 * z[7] + z[8]) - (z[0] + 2 * z[1] + z[2])) / (8 * spacing[1]);
        return Math.toDegrees(Math.atan(Math.hypot(dzdx, dzdy)));
    }

    /**
     * Ground distance in metres between neighbouring pixel centres along a row and along a column, on
     * row y: the CRS's own for a projected DEM, geodesic for a geographic one (it shrinks with latitude).
     */
    private double[] spacingMetres(int x, int y) {
        RasterGeometry geometry = raster.geometry();
        Point2D here = geometry.toCrs(x + 0.5, y + 0.5);
        Point2D right = geometry.toCrs(x + 1.5, y + 0.5);
        Point2D down = geometry.toCrs(x + 0.5, y + 1.5);
        if (!geographic) {
            return new double[] {here.distance(right) * metresPerUnit, here.distance(down) * metresPerUnit};
        }
        GeodeticCalculator calculator = GeodeticCalculator.create(CommonCRS.WGS84.geographic());
        return new double[] {geodesic(calculator, here, right), geodesic(calculator, here, down)};
    }

    /** Points in east/north order: (longitude, latitude). */
    private static double geodesic(GeodeticCalculator calculator, Point2D a, Point2D b) {
        calculator.setStartGeographicPoint(a.getY(), a.getX());
        calculator.setEndGeographicPoint(b.getY(), b.getX());
        return calculator.getGeodesicDistance();
    }
}
