package io.rgbunmix.gdal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.files.RasterFiles;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GeoTIFF's pixels decoded by GDAL are Apache SIS's, value for value: the same strips (as floats, and 8-bit ones as
 * interleaved bytes too) and regions of the sample scene (DEFLATE with a predictor, tiled) and of synthetic files of
 * each sample type, bands in any order. GDAL is a test dependency (scripts/test installs it); without it the raster is SIS's alone, which this test would report.
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
                if (sis.isEightBit()) {
                    for (int y0 = 0; y0 + 224 <= height; y0 += 224) {
                        RgbStrip bytes = gdal.readRgbRows(y0, 224, bands).orElseThrow();
                        Strip floats = sis.readRows(y0, 224, bands);
                        assertEquals(y0, bytes.y0());
                        for (int i = 0; i < width * 224; i++) {
                            for (int b = 0; b < 3; b++) {
                                assertEquals(floats.bands()[b][i], bytes.rgb()[3 * i + b] & 0xFF, "pixel " + i);
                            }
                        }
                    }
                } else {
                    assertTrue(gdal.readRgbRows(0, 224, bands).isEmpty(), "only 8-bit samples come as bytes");
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
    void thePixelsAreOpenedWithTheGridSisReadAndRefusedForAnother() throws Exception {
        Path file = Path.of("samples/scene.tif");
        try (GeoRaster metadata = GeoRaster.open(file);
             GdalRaster read = GdalRaster.openClientFile(file.toString(), "scene", GdalRaster.GEOTIFF);
             GdalRaster pixels = GdalRaster.openClientPixels(file.toString(), "scene", GdalRaster.GEOTIFF,
                     metadata.geometry())) {
            assertTrue(pixels.geometry() == metadata.geometry(), "the grid given is the grid");
            assertEquals(read.geometry().gridToCrs(), pixels.geometry().gridToCrs(), "and GDAL's own is the same");
            assertArrayEquals(read.readRgbRows(224, 224, new int[] {0, 1, 2}).orElseThrow().rgb(),
                    pixels.readRgbRows(224, 224, new int[] {0, 1, 2}).orElseThrow().rgb());
            RasterGeometry wider = new RasterGeometry(metadata.geometry().width() + 1, metadata.geometry().height(),
                    metadata.geometry().crs(), metadata.geometry().gridToCrs());
            RasterException refused = assertThrows(RasterException.class, () -> GdalRaster.openClientPixels(
                    file.toString(), "scene", GdalRaster.GEOTIFF, wider));
            assertEquals("scene: GDAL reads a grid of 2240 x 2240 pixels, not 2241 x 2240", refused.getMessage());
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

    /**
     * The engine's run over GDAL's bytes (8-bit, no rescale) gives the abundances of its run over SIS's floats, to the
     * last bit, with the same windows skipped, and the same quicklook: a raster whose no-data value (0) leaves one
     * window empty and another part empty, so that the mean of the valid pixels fills the rest.
     */
    @Test
    void aRunOverGdalsBytesIsARunOverSissFloats() throws Exception {
        Path file = temp.resolve("nodata.tif");
        SyntheticRaster.write(file, TestData.utm(3 * 224, 2 * 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE, 0,
                (x, y, b) -> x < 224 && y < 224 || x > 500 && y > 300 && (x + y) % 3 == 0 ? 0 : (x * 7 + y * 3 + 60 * b) % 256);
        try (ModelStore models = TestData.store(); GeoRaster sis = GeoRaster.open(file);
             GeoRaster metadata = GeoRaster.open(file)) {
            GdalDecodedTiff gdal = GdalDecodedTiff.of(metadata).orElseThrow();
            // as `run` reads them: through a quicklook, which draws the base map of the results from the same rows
            QuicklookRaster viaFloats = new QuicklookRaster(sis, null, 100);
            QuicklookRaster viaBytes = new QuicklookRaster(gdal, null, 100);
            assertTrue(viaBytes.readRgbRows(0, 224, new int[] {0, 1, 2}).isPresent(), "GDAL hands over bytes");
            assertTrue(viaFloats.readRgbRows(0, 224, new int[] {0, 1, 2}).isEmpty(), "SIS does not");
            CollectingWriter floats = new CollectingWriter();
            CollectingWriter bytes = new CollectingWriter();
            AncillarySource ancillary = AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY));
            UnmixEngine engine = new UnmixEngine(models);
            UnmixOptions options = UnmixOptions.defaults(Level.N2).withMinValidFraction(0.5);
            engine.run(viaFloats, ancillary, options, floats, ProgressListener.NONE, () -> false);
            engine.run(viaBytes, ancillary, options, bytes, ProgressListener.NONE, () -> false);
            gdal.close();
            for (int y = 0; y < viaFloats.picture().getHeight(); y++) {
                for (int x = 0; x < viaFloats.picture().getWidth(); x++) {
                    assertEquals(viaFloats.picture().getRGB(x, y), viaBytes.picture().getRGB(x, y), x + ", " + y);
                }
            }
            assertEquals(0, viaBytes.picture().getRGB(0, 0), "no data is transparent");
            assertTrue(viaBytes.picture().getRGB(viaBytes.picture().getWidth() - 1, 0) != 0, "data is drawn");
            assertEquals(floats.skipped, bytes.skipped);
            assertEquals(1, floats.skipped.size(), "the empty window is skipped");
            assertEquals(5, floats.results.size());
            for (int i = 0; i < floats.results.size(); i++) {
                assertArrayEquals(floats.results.get(i).abundance(), bytes.results.get(i).abundance(), "window " + i);
                assertArrayEquals(floats.results.get(i).presence(), bytes.results.get(i).presence(), "window " + i);
            }
        }
    }
}
