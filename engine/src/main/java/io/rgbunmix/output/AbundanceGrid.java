package io.rgbunmix.output;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.windows.WindowGrid;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.BandedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferFloat;
import java.awt.image.WritableRaster;
import java.util.Arrays;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The abundance raster of a run, in memory: one float band per class (percent), one pixel
 * per window, NaN where a window was skipped. Pixel (row, col) is stride x stride source
 * pixels centred on window (row, col)'s centre, so with the default stride of 224 each pixel
 * is exactly its window's footprint. Encoders (GeoTIFF here, a GeoTools coverage in the
 * GeoServer extension) take its raster and georeferencing as they are.
 */
public final class AbundanceGrid {
    private final RunLayout layout;
    private final float[][] bands;

    public AbundanceGrid(RunLayout layout) {
        this.layout = layout;
        long cells = layout.grid().count();
        if (cells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many windows for one abundance raster: " + cells);
        }
        bands = new float[layout.model().classes().size()][(int) cells];
        for (float[] band : bands) {
            Arrays.fill(band, Float.NaN);
        }
    }

    public void put(WindowResult result) {
        int cell = (int) result.window().id();
        for (int k = 0; k < bands.length; k++) {
            bands[k][cell] = (float) result.percent(k);
        }
    }

    /** A window's abundances (fractions, as the model gives them) put by its id, as {@link WindowResult#percent} would. */
    public void put(long windowId, float[] abundance) {
        for (int k = 0; k < bands.length; k++) {
            bands[k][(int) windowId] = (float) (abundance[k] * 100.0);
        }
    }

    /** A window's values per class, already in percent or points (a change), put by its id. */
    public void putPoints(long windowId, double[] points) {
        for (int k = 0; k < bands.length; k++) {
            bands[k][(int) windowId] = (float) points[k];
        }
    }

    public ModelCard model() {
        return layout.model();
    }

    public int cols() {
        return layout.grid().cols();
    }

    public int rows() {
        return layout.grid().rows();
    }

    /** The values as a banded float raster of cols x rows pixels, one band per class. */
    public WritableRaster raster() {
        return WritableRaster.createWritableRaster(
                new BandedSampleModel(DataBuffer.TYPE_FLOAT, cols(), rows(), bands.length),
                new DataBufferFloat(bands, cols() * rows()), null);
    }

    /** Maps the corner of pixel (col, row) to the raster's CRS (east/north). */
    public AffineTransform gridToCrs() {
        WindowGrid grid = layout.grid();
        double offset = (grid.size() - grid.stride()) / 2.0;
        AffineTransform g = new AffineTransform(layout.raster().gridToCrs());
        g.translate(offset, offset);
        g.scale(grid.stride(), grid.stride());
        return g;
    }

    /** The source raster's CRS, in east/north axis order. */
    public CoordinateReferenceSystem crs() {
        return layout.raster().crs();
    }
}
