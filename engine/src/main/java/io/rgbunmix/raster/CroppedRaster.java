package io.rgbunmix.raster;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.geom.Point2D;
import java.util.Locale;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The part of a raster inside an area of interest, seen as a raster of its own: windows start at its
 * upper-left pixel, and only its columns are read (a remote COG is asked for the tiles it covers).
 */
public final class CroppedRaster extends RasterView {
    private final Rectangle area;
    private final RasterGeometry geometry;

    public CroppedRaster(RasterSource source, Rectangle area) throws RasterException {
        super(source);
        RasterGeometry full = source.geometry();
        Rectangle inside = area.intersection(new Rectangle(full.width(), full.height()));
        if (inside.isEmpty()) {
            throw new RasterException(source.name() + ": the area of interest lies outside the raster");
        }
        this.area = inside;
        AffineTransform gridToCrs = new AffineTransform(full.gridToCrs());
        gridToCrs.translate(inside.x, inside.y);
        this.geometry = new RasterGeometry(inside.width, inside.height, full.crs(), gridToCrs);
    }

    /**
     * The pixels of {@code source} whose area meets the box [minX, maxX] x [minY, maxY] given in
     * {@code crs} (east/north order): its four corners and edge midpoints are taken to the raster.
     */
    public static CroppedRaster of(RasterSource source, double minX, double minY, double maxX, double maxY,
            CoordinateReferenceSystem crs) throws RasterException {
        if (!(minX < maxX && minY < maxY)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the area of interest needs min < max on both axes, got %s,%s,%s,%s", minX, minY, maxX, maxY));
        }
        RasterGeometry full = source.geometry();
        Reprojection toRaster = new Reprojection(Crs.eastNorth(crs), full.crs());
        AffineTransform crsToGrid;
        try {
            crsToGrid = full.gridToCrs().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new RasterException(source.name() + ": its grid-to-CRS transform cannot be inverted", e);
        }
        double left = Double.POSITIVE_INFINITY;
        double top = Double.POSITIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        double bottom = Double.NEGATIVE_INFINITY;
        double midX = (minX + maxX) / 2;
        double midY = (minY + maxY) / 2;
        double[][] points = {{minX, minY}, {minX, maxY}, {maxX, minY}, {maxX, maxY},
                {midX, minY}, {midX, maxY}, {minX, midY}, {maxX, midY}};
        for (double[] point : points) {
            double[] projected = toRaster.apply(point[0], point[1]);
            Point2D pixel = crsToGrid.transform(new Point2D.Double(projected[0], projected[1]), null);
            left = Math.min(left, pixel.getX());
            right = Math.max(right, pixel.getX());
            top = Math.min(top, pixel.getY());
            bottom = Math.max(bottom, pixel.getY());
        }
        if (!(Double.isFinite(left) && Double.isFinite(right) && Double.isFinite(top) && Double.isFinite(bottom))) {
            throw new RasterException(source.name() + ": the area of interest cannot be placed on the raster");
        }
        int x0 = (int) Math.max(Math.floor(left), -1);
        int y0 = (int) Math.max(Math.floor(top), -1);
        int x1 = (int) Math.min(Math.ceil(right), full.width() + 1L);
        int y1 = (int) Math.min(Math.ceil(bottom), full.height() + 1L);
        return new CroppedRaster(source, new Rectangle(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0)));
    }

    /** The pixel rectangle of the source this crop covers. */
    public Rectangle area() {
        return new Rectangle(area);
    }

    @Override
    public RasterGeometry geometry() {
        return geometry;
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return source.readRegion(area.x, area.y + y0, area.width, rows, bands).startingAt(y0);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        return source.readRegion(area.x + x0, area.y + y0, width, rows, bands).startingAt(y0);
    }
}
