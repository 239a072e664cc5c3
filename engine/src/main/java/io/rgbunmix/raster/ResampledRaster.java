package io.rgbunmix.raster;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.util.Arrays;
import org.apache.sis.util.Utilities;

/**
 * A raster seen on another grid, by nearest neighbour: each pixel of the target grid takes the sample
 * of the source pixel under its centre, NaN where that falls outside the source. A 20 m cloud mask onto
 * a 10 m image, or a scene of another orbit or UTM zone onto the first scene of a composite (with what its
 * mask said of each pixel). For each
 * region asked, the source is read once over the rectangle that region needs, so memory follows the
 * region, not the source.
 */
public final class ResampledRaster extends RasterView {
    private final RasterGeometry target;
    private final AffineTransform sourceCrsToGrid;
    /** Target CRS to source CRS; null when both are the same CRS (then the mapping is affine). */
    private final Reprojection toSource;
    /** Target grid to source grid when {@link #toSource} is null. */
    private final AffineTransform targetToSourceGrid;
    /**
     * When the grids differ by whole pixels only (the same grid, or one tile's scenes cut a little
     * differently): the source pixel of target pixel (0, 0). Then pixels are copied, not resampled.
     */
    private final int[] shift;

    public ResampledRaster(RasterSource source, RasterGeometry target) throws RasterException {
        super(source);
        this.target = target;
        RasterGeometry from = source.geometry();
        try {
            this.sourceCrsToGrid = from.gridToCrs().createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new RasterException(source.name() + ": its grid-to-CRS transform cannot be inverted", e);
        }
        if (Utilities.equalsIgnoreMetadata(Crs.eastNorth(from.crs()), Crs.eastNorth(target.crs()))) {
            this.toSource = null;
            AffineTransform mapping = new AffineTransform(sourceCrsToGrid);
            mapping.concatenate(target.gridToCrs());
            this.targetToSourceGrid = mapping;
            this.shift = wholePixels(mapping);
        } else {
            this.toSource = new Reprojection(target.crs(), from.crs());
            this.targetToSourceGrid = null;
            this.shift = null;
        }
    }

    /**
     * The fraction of the target's pixels (sampled along its edges and centre lines) that fall inside the
     * source: 1 when the source covers the whole target, 0 when they do not meet.
     */
    public double coverage() {
        int inside = 0;
        int all = 0;
        RasterGeometry from = source.geometry();
        int n = 16;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double[] p = toSourceGrid(Math.min(target.width() - 0.5, 0.5 + i * (target.width() - 1.0) / n),
                        Math.min(target.height() - 0.5, 0.5 + j * (target.height() - 1.0) / n));
                all++;
                if (p != null && p[0] >= 0 && p[1] >= 0 && p[0] < from.width() && p[1] < from.height()) {
                    inside++;
                }
            }
        }
        return inside / (double) all;
    }

    /** Source grid position of a target grid position, or null where it cannot be placed. */
    private double[] toSourceGrid(double x, double y) {
        double[] p = {x, y};
        try {
            toSourceGrid(p, 1);
        } catch (RasterException e) {
            return null;
        }
        return Double.isFinite(p[0]) && Double.isFinite(p[1]) ? p : null;
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, target.width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        if (shift != null) {
            return shifted(x0 + shift[0], y0 + shift[1], width, rows, bands).startingAt(y0);
        }
        Rectangle needed = bounds(perimeter(x0, y0, width, rows));
        float[][] samples = noData(bands.length, width * rows);
        if (needed.isEmpty()) {
            return new Strip(y0, width, rows, samples);
        }
        Strip read = source.readRegion(needed.x, needed.y, needed.width, needed.height, bands);
        byte[] masked = read.masked() == null ? null : new byte[width * rows];
        // one row of positions at a time: memory follows the region's width, not its area
        double[] positions = new double[2 * width];
        for (int row = 0; row < rows; row++) {
            for (int col = 0; col < width; col++) {
                positions[2 * col] = x0 + col + 0.5;
                positions[2 * col + 1] = y0 + row + 0.5;
            }
            toSourceGrid(positions, width);
            for (int col = 0; col < width; col++) {
                double sx = positions[2 * col];
                double sy = positions[2 * col + 1];
                if (!(sx >= needed.x && sy >= needed.y && sx < needed.x + needed.width && sy < needed.y + needed.height)) {
                    continue;
                }
                int offset = ((int) Math.floor(sy) - needed.y) * needed.width + ((int) Math.floor(sx) - needed.x);
                for (int b = 0; b < bands.length; b++) {
                    samples[b][row * width + col] = read.bands()[b][offset];
                }
                if (masked != null) {
                    masked[row * width + col] = read.masked()[offset];
                }
            }
        }
        return new Strip(y0, width, rows, samples, masked, null);
    }

    /** Samples of {@code bands} bands, NaN (no data) until a source pixel is copied in. */
    private static float[][] noData(int bands, int count) {
        float[][] samples = new float[bands][count];
        for (float[] band : samples) {
            Arrays.fill(band, Float.NaN);
        }
        return samples;
    }

    /** The shift of a mapping that moves by whole pixels only, to a part of a pixel in a million; else null. */
    private static int[] wholePixels(AffineTransform mapping) {
        double tolerance = 1e-6;
        long dx = Math.round(mapping.getTranslateX());
        long dy = Math.round(mapping.getTranslateY());
        boolean whole = Math.abs(mapping.getScaleX() - 1) < tolerance && Math.abs(mapping.getScaleY() - 1) < tolerance
                && Math.abs(mapping.getShearX()) < tolerance && Math.abs(mapping.getShearY()) < tolerance
                && Math.abs(mapping.getTranslateX() - dx) < tolerance && Math.abs(mapping.getTranslateY() - dy) < tolerance
                && Math.abs(dx) < Integer.MAX_VALUE / 2 && Math.abs(dy) < Integer.MAX_VALUE / 2;
        return whole ? new int[] {(int) dx, (int) dy} : null;
    }

    /** Source pixels [x, x + width) x [y, y + rows), NaN (and unmasked) where they fall outside the source. */
    private Strip shifted(int x, int y, int width, int rows, int[] bands) throws RasterException {
        RasterGeometry from = source.geometry();
        Rectangle inside = new Rectangle(x, y, width, rows).intersection(new Rectangle(from.width(), from.height()));
        if (inside.width == width && inside.height == rows) {
            return source.readRegion(x, y, width, rows, bands);
        }
        float[][] samples = noData(bands.length, width * rows);
        if (inside.isEmpty()) {
            return new Strip(y, width, rows, samples);
        }
        Strip read = source.readRegion(inside.x, inside.y, inside.width, inside.height, bands);
        byte[] masked = read.masked() == null ? null : new byte[width * rows];
        for (int row = 0; row < inside.height; row++) {
            int to = (inside.y - y + row) * width + (inside.x - x);
            for (int b = 0; b < bands.length; b++) {
                System.arraycopy(read.bands()[b], row * inside.width, samples[b], to, inside.width);
            }
            if (masked != null) {
                System.arraycopy(read.masked(), row * inside.width, masked, to, inside.width);
            }
        }
        return new Strip(y, width, rows, samples, masked, null);
    }

    /**
     * Source grid positions of every pixel centre along the region's edges: a region's image in the
     * source is bounded by them, as the grids' transforms are smooth and the regions small.
     */
    private double[] perimeter(int x0, int y0, int width, int rows) throws RasterException {
        int count = 2 * (width + rows);
        double[] points = new double[2 * count];
        int n = 0;
        for (int col = 0; col < width; col++) {
            points[n++] = x0 + col + 0.5;
            points[n++] = y0 + 0.5;
            points[n++] = x0 + col + 0.5;
            points[n++] = y0 + rows - 0.5;
        }
        for (int row = 0; row < rows; row++) {
            points[n++] = x0 + 0.5;
            points[n++] = y0 + row + 0.5;
            points[n++] = x0 + width - 0.5;
            points[n++] = y0 + row + 0.5;
        }
        toSourceGrid(points, count);
        return points;
    }

    /** Target grid positions to source grid positions, in place. */
    private void toSourceGrid(double[] positions, int count) throws RasterException {
        if (toSource == null) {
            targetToSourceGrid.transform(positions, 0, positions, 0, count);
            return;
        }
        target.gridToCrs().transform(positions, 0, positions, 0, count);
        try {
            toSource.applyInPlace(positions, count);
        } catch (IllegalArgumentException e) {
            throw new RasterException(source.name() + ": its pixels cannot be placed on the grid of the raster "
                    + "(from " + Crs.label(target.crs()) + " to " + Crs.label(source.geometry().crs()) + ")", e);
        }
        sourceCrsToGrid.transform(positions, 0, positions, 0, count);
    }

    /** The source pixels the positions fall on, one pixel wider each way, clipped to the source; empty when none. */
    private Rectangle bounds(double[] positions) {
        int count = positions.length / 2;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double x = positions[2 * i];
            double y = positions[2 * i + 1];
            if (Double.isFinite(x) && Double.isFinite(y)) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        RasterGeometry from = source.geometry();
        if (!(minX <= maxX)) {
            return new Rectangle();
        }
        int left = (int) Math.floor(Math.max(-2, minX)) - 1;
        int top = (int) Math.floor(Math.max(-2, minY)) - 1;
        int right = (int) Math.floor(Math.min(from.width() + 1, maxX)) + 2;
        int bottom = (int) Math.floor(Math.min(from.height() + 1, maxY)) + 2;
        return new Rectangle(left, top, right - left, bottom - top).intersection(new Rectangle(from.width(), from.height()));
    }

    @Override
    public RasterGeometry geometry() {
        return target;
    }

}
