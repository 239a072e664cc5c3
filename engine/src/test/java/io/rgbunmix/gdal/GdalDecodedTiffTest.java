package io.rgbunmix.gdal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.files.RasterFiles;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GeoTIFF's pixels decoded by GDAL are Apache SIS's, value for value: the same strips and regions of the sample
 * scene (DEFLATE with a predictor, tiled) and of synthetic files of each sample type, bands in any order. GDAL is a
 * test dependency (scripts/test installs it); without it the raster is SIS's alone, which this test would report.
 */
class GdalDecodedTiffTest {
    @TempDir
    Path temp;

    private static void sameSamples(Path file) throws Exception {
        try (GeoRaster sis = GeoRaster.open(file); GeoRaster metadata = GeoRaster.open(file)) {
            GdalDecodedTiff gdal = GdalDecodedTiff.of(metadata).orElseThrow(() -> new AssertionError(
                    "GDAL did not decode " + file.getFileName() + " (is libgdal installed?)"));
            int height = sis.geometry().height();
            int width = sis.geometry().width();
            for (int[] bands : new int[][] {{0, 1, 2}, {2, 0, 1}}) {
                for (int y0 = 0; y0 + 224 <= height; y0 += 224) {
                    Strip expected = sis.readRows(y0, 224, bands);
                    Strip decoded = gdal.readRows(y0, 224, bands);
                    assertEquals(expected.y0(), decoded.y0());
                    for (int b = 0; b < bands.length; b++) {
                        assertArrayEquals(expected.bands()[b], decoded.bands()[b], file.getFileName() + " band " + b);
                    }
                }
                Strip region = gdal.readRegion(width / 3, height / 4, width / 2, 100, bands);
                Strip sisRegion = sis.readRegion(width / 3, height / 4, width / 2, 100, bands);
                assertArrayEquals(sisRegion.bands()[0], region.bands()[0]);
            }
            assertEquals(sis.geometry(), gdal.geometry(), "the grid is SIS's");
            gdal.close();
        }
    }

    @Test
    void theSampleSceneAndEachSampleTypeAreDecodedAlike() throws Exception {
        sameSamples(Path.of("samples/scene.tif"));
        for (int type : new int[] {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_FLOAT}) {
            Path file = temp.resolve("t" + type + ".tif");
            SyntheticRaster.write(file, TestData.utm(3 * 224 + 30, 2 * 224 + 7, 300000, 4200000, 10), 3, type,
                    Double.NaN, (x, y, b) -> type == DataBuffer.TYPE_FLOAT ? (x * 0.37 + y * 1.1 + b) : (x + 2 * y + 90 * b)
                            % (type == DataBuffer.TYPE_BYTE ? 256 : 65536));
            sameSamples(file);
        }
    }

    @Test
    void aGeoTiffOpenedAsAnyRasterIsDecodedByGdalAndSaysSo() throws Exception {
        try (OpenedRaster opened = RasterFiles.open(Path.of("samples/scene.tif"), RasterFiles.Kind.TIFF, "scene",
                List.of(), Origin.CLIENT)) {
            assertTrue(opened.source() instanceof GdalDecodedTiff, opened.source().getClass().getName());
            assertTrue(opened.description().contains("decoded by GDAL"), opened.description());
        }
    }
}
