package io.rgbunmix.raster;

import io.rgbunmix.windows.PixelPreparation;
import java.util.Arrays;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.model.ModelContract;
import java.awt.image.DataBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoRasterTest {
    @TempDir
    Path temp;

    @Test
    void readsGeoreferencingAndStripsOfTheAskedBands() throws Exception {
        Path file = temp.resolve("r.tif");
        RasterGeometry geometry = TestData.utm(500, 450, 300000, 4200000, 10);
        SyntheticRaster.write(file, geometry, 4, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> (x + y + 50 * b) % 256);
        try (GeoRaster raster = GeoRaster.open(file)) {
            assertEquals(4, raster.bandCount());
            assertTrue(raster.isEightBit());
            assertEquals(500, raster.geometry().width());
            assertEquals(450, raster.geometry().height());
            assertEquals(geometry.gridToCrs(), raster.geometry().gridToCrs());
            assertTrue(raster.geometry().crs().getName().getCode().contains("UTM zone 30N"));
            Strip strip = raster.readRows(224, 224, new int[] {3, 1, 0});
            assertEquals(224, strip.y0());
            assertEquals((300 + 230 + 150) % 256, strip.sample(0, 300, 230), 0);
            assertEquals((300 + 230 + 50) % 256, strip.sample(1, 300, 230), 0);
            assertEquals((499 + 447) % 256, strip.sample(2, 499, 447), 0);
        }
    }

    @Test
    void readsDeclaredNoDataAndSampleType() throws Exception {
        Path file = temp.resolve("u16.tif");
        SyntheticRaster.write(file, TestData.utm(300, 300, 300000, 4200000, 10), 3, DataBuffer.TYPE_USHORT, 0,
                (x, y, b) -> 1000 + x);
        try (GeoRaster raster = GeoRaster.open(file)) {
            assertFalse(raster.isEightBit());
            assertEquals("16-bit unsigned", raster.sampleType());
            assertEquals(0.0, raster.noData(0));
        }
    }

    @Test
    void theSampleTypeTheTagsTellIsTheOneSisReads() throws Exception {
        int[] types = {DataBuffer.TYPE_BYTE, DataBuffer.TYPE_USHORT, DataBuffer.TYPE_SHORT, DataBuffer.TYPE_INT,
                DataBuffer.TYPE_FLOAT};
        for (int type : types) {
            Path file = temp.resolve("type" + type + ".tif");
            SyntheticRaster.write(file, TestData.utm(40, 30, 300000, 4200000, 10), 3, type, Double.NaN,
                    (x, y, b) -> x + y + b);
            try (GeoRaster raster = GeoRaster.open(file)) {
                assertEquals(type, raster.dataType(), "type " + type);
                assertEquals(raster.dataTypeAsRead(), raster.dataType(), "type " + type);
            }
        }
        // GDAL's files too, of either byte order, and the fuzzer's: wherever SIS opens one, the same type
        int opened = 0;
        try (var seeds = Files.list(Path.of("engine/src/test/resources/io/rgbunmix/raster/TiffFuzzTestInputs/geoTiff"))) {
            for (Path seed : seeds.toList()) {
                try (GeoRaster raster = GeoRaster.open(seed)) {
                    assertEquals(raster.dataTypeAsRead(), raster.dataType(), seed.toString());
                    opened++;
                } catch (RasterException refused) {
                    // a damaged seed: what SIS says of it is tested by TiffFuzzTest
                }
            }
        }
        assertTrue(opened >= 5, opened + " seeds opened");
    }

    @Test
    void theTagsSettleTheCommonLayoutsOnlyAndSisReadsTheRest() {
        assertEquals(DataBuffer.TYPE_BYTE, GeoRaster.dataType(new TiffStructure.SampleLayout(8, 1)).getAsInt());
        assertEquals(DataBuffer.TYPE_SHORT, GeoRaster.dataType(new TiffStructure.SampleLayout(16, 2)).getAsInt());
        assertTrue(GeoRaster.dataType(new TiffStructure.SampleLayout(8, 2)).isEmpty(), "signed bytes");
        assertTrue(GeoRaster.dataType(new TiffStructure.SampleLayout(32, 1)).isEmpty(), "unsigned 32-bit");
        assertTrue(GeoRaster.dataType(new TiffStructure.SampleLayout(1, 1)).isEmpty(), "bits");
        assertTrue(GeoRaster.dataType(new TiffStructure.SampleLayout(64, 3)).isEmpty(), "doubles, which SIS refuses");
        assertTrue(GeoRaster.dataType(TiffStructure.SampleLayout.UNKNOWN).isEmpty());
    }

    @Test
    void notAGeoTiffIsAClearError() throws Exception {
        Path file = temp.resolve("bad.tif");
        Files.writeString(file, "not a tiff");
        String message = assertThrows(RasterException.class, () -> GeoRaster.open(file)).getMessage();
        assertTrue(message.startsWith("bad.tif: "), message);
    }

    @Test
    void pixelsFollowTheBandOrderAndRescale() {
        int n = ModelContract.WINDOW * ModelContract.WINDOW;
        float[] red = new float[n];
        float[] green = new float[n];
        float[] blue = new float[n];
        Arrays.fill(red, 1000);
        Arrays.fill(green, 2000);
        Arrays.fill(blue, 4000);
        Strip strip = new Strip(0, 224, 224, new float[][] {red, green, blue});
        FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
        double valid = new PixelPreparation(new Rescale(0, 3000), new double[] {Double.NaN, Double.NaN, Double.NaN})
                .fill(strip, 0, target).dataFraction();
        assertEquals(1.0, valid);
        assertEquals(ModelContract.WINDOW_FLOATS, target.position());
        assertArrayEquals(new float[] {85f, 170f, 255f}, new float[] {target.get(0), target.get(1), target.get(2)});
    }

    @Test
    void noDataPixelsLowerTheValidFractionAndTakeTheValidMean() {
        int n = 224 * 224;
        float[][] bands = new float[3][n];
        for (int b = 0; b < 3; b++) {
            for (int i = 0; i < n; i++) {
                bands[b][i] = i < n / 4 ? 0 : 100 + b; // the first quarter of the rows is nodata
            }
        }
        FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
        double valid = new PixelPreparation(null, new double[] {0, 0, 0}).fill(new Strip(0, 224, 224, bands), 0, target).dataFraction();
        assertEquals(0.75, valid, 1e-12);
        assertArrayEquals(new float[] {100f, 101f, 102f}, new float[] {target.get(0), target.get(1), target.get(2)});
    }

    @Test
    void maskedPixelsCountApartFromNoDataAndTakeTheValidMean() {
        int n = 224 * 224;
        float[][] bands = new float[3][n];
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < 3; b++) {
                bands[b][i] = i < n / 10 ? 0 : i < n / 2 ? 250 : 100 + b; // a tenth nodata, then a bright cloud
            }
            masked[i] = (byte) (i >= n / 10 && i < n / 2 ? 1 : 0);
        }
        FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
        PixelPreparation.WindowPixels seen = new PixelPreparation(null, new double[] {0, 0, 0})
                .fill(new Strip(0, 224, 224, bands, masked, null), 0, target);
        assertEquals(0.9, seen.dataFraction(), 1e-4);
        assertEquals(0.4, seen.maskedFraction(), 1e-4);
        // the cloud's pixels are filled with the mean of the clear ones, as no-data pixels are
        int cloud = 3 * (n / 4);
        assertArrayEquals(new float[] {100f, 101f, 102f}, new float[] {target.get(cloud), target.get(cloud + 1),
                target.get(cloud + 2)});
    }

    @Test
    void aRegionReadsTheSamplesOfItsPixelsWhateverTheLayoutAndType() throws Exception {
        for (int type : new int[] {java.awt.image.DataBuffer.TYPE_BYTE, java.awt.image.DataBuffer.TYPE_USHORT,
                java.awt.image.DataBuffer.TYPE_FLOAT}) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("region", ".tif");
            try {
                SyntheticRaster.write(file, io.rgbunmix.TestData.utm(700, 600, 440000, 4130000, 10), 3, type, Double.NaN,
                        (x, y, b) -> (x * 3 + y * 7 + b * 11) % 250);
                try (GeoRaster raster = GeoRaster.open(file)) {
                    Strip strip = raster.readRegion(123, 301, 250, 7, new int[] {2, 0});
                    for (int row = 0; row < 7; row++) {
                        for (int col = 0; col < 250; col++) {
                            int x = 123 + col;
                            int y = 301 + row;
                            assertEquals((x * 3 + y * 7 + 22) % 250, strip.bands()[0][row * 250 + col], "type " + type);
                            assertEquals((x * 3 + y * 7) % 250, strip.bands()[1][row * 250 + col], "type " + type);
                        }
                    }
                }
            } finally {
                java.nio.file.Files.delete(file);
            }
        }
    }
}
