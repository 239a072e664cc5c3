package io.rgbunmix.raster;

import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.sis.coverage.SampleDimension;
import org.apache.sis.coverage.grid.GridCoverageBuilder;
import org.apache.sis.coverage.grid.GridExtent;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.coverage.grid.PixelInCell;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStoreException;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.geotiff.GeoTiffStore;

/**
 * Writes generated GeoTIFFs (with Apache SIS) for benchmarks and tests: any size, sample
 * type and georeferencing, pixel values from a function. The whole image is built in memory,
 * so this is for rasters of up to a few hundred megapixels.
 */
public final class SyntheticRaster {
    /** The value of band {@code band} (0-based) at pixel (x, y). */
    @FunctionalInterface
    public interface Samples {
        double value(int x, int y, int band);
    }

    private SyntheticRaster() {
    }

    /**
     * Writes {@code bands} bands of {@code dataType} ({@link DataBuffer#TYPE_BYTE}, USHORT or FLOAT)
     * over {@code geometry}; {@code noData} (NaN for none) is declared with GDAL's tag.
     */
    public static void write(Path file, RasterGeometry geometry, int bands, int dataType, double noData,
                             Samples samples) throws IOException {
        int width = geometry.width();
        int height = geometry.height();
        // pixel-interleaved, as GDAL writes by default: SIS reads band-separate files far slower
        int[] offsets = new int[bands];
        for (int b = 0; b < bands; b++) {
            offsets[b] = b;
        }
        WritableRaster raster = WritableRaster.createWritableRaster(
                new PixelInterleavedSampleModel(dataType, width, height, bands, width * bands, offsets), null);
        for (int b = 0; b < bands; b++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    raster.setSample(x, y, b, samples.value(x, y, b));
                }
            }
        }
        var g = geometry.gridToCrs();
        var gridToCrs = MathTransforms.linear(new Matrix3(g.getScaleX(), g.getShearX(), g.getTranslateX(),
                g.getShearY(), g.getScaleY(), g.getTranslateY(), 0, 0, 1));
        var ranges = new SampleDimension[bands];
        for (int b = 0; b < bands; b++) {
            ranges[b] = new SampleDimension.Builder().setName("band " + (b + 1)).build();
        }
        try {
            var coverage = new GridCoverageBuilder()
                    .setDomain(new GridGeometry(new GridExtent(width, height), PixelInCell.CELL_CORNER, gridToCrs,
                            geometry.crs()))
                    .setRanges(ranges).setValues(raster).build();
            Files.deleteIfExists(file);
            try (DataStore store = DataStores.openWritable(file, "GeoTIFF")) {
                ((GeoTiffStore) store).append(coverage, null);
            }
        } catch (DataStoreException e) {
            throw new IOException(file + ": cannot write GeoTIFF: " + e.getMessage(), e);
        }
        if (!Double.isNaN(noData)) {
            TiffTagEditor tags = new TiffTagEditor(file);
            tags.setAscii(TiffTagEditor.GDAL_NODATA, Double.toString(noData));
            tags.save();
        }
    }
}
