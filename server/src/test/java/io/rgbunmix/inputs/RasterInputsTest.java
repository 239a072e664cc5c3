package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRules;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.sentinel2.SafeFixtures;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.image.DataBuffer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of raster input a Sentinel-2 user has, made here the way users get them (GDAL's
 * OpenJPEG and COG drivers), read and run through the engine against the same pixels as a GeoTIFF.
 */
class RasterInputsTest {
    private static final int[] RGB = {0, 1, 2};

    @TempDir
    static Path temp;
    /** 4 x 3 windows of varied colour, 8-bit RGB, UTM 30N at 10 m. */
    static Path scene;
    /** The reflectance bands B04, B03 and B02 of the scene as 16-bit files with the 04.00 offset. */
    static Path[] bands16;

    @BeforeAll
    static void scene() throws Exception {
        scene = SafeFixtures.scene(temp.resolve("scene.tif"));
        bands16 = SafeFixtures.bands16(temp);
    }

    private static RasterInputs local() {
        return new RasterInputs(null, true);
    }

    private static List<WindowResult> run(RasterSource raster, Rescale rescale) throws Exception {
        CollectingWriter collect = new CollectingWriter();
        try (ModelStore store = TestData.store()) {
            new UnmixEngine(store).run(raster, AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY)),
                    UnmixOptions.defaults(Level.N2).withRescale(rescale), collect, ProgressListener.NONE, () -> false);
        }
        return collect.results;
    }

    private static void assertSameResults(List<WindowResult> expected, List<WindowResult> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).window(), actual.get(i).window(), "window " + i);
            assertArrayEquals(expected.get(i).abundance(), actual.get(i).abundance(), "window " + i);
        }
    }

    private static List<WindowResult> runGeoTiff() throws Exception {
        try (OpenedRaster tiff = local().open(scene, "scene.tif", List.of())) {
            return run(tiff.source(), null);
        }
    }

    @Test
    void aJpeg2000MadeByOpenJpegGivesTheAbundancesOfTheSamePixelsAsGeoTiff() throws Exception {
        Path jp2 = temp.resolve("scene.jp2");
        GdalTools.losslessJpeg2000(scene, jp2, "BLOCKXSIZE=256", "BLOCKYSIZE=256");
        List<WindowResult> expected = runGeoTiff();
        try (OpenedRaster opened = local().open(jp2, "scene.jp2", List.of())) {
            assertTrue(opened.description().contains("JP2OpenJPEG"), opened.description());
            assertEquals(DataBuffer.TYPE_BYTE, opened.source().dataType());
            assertEquals(TestData.utm(4 * 224, 3 * 224, 440000, 4130000, 10).gridToCrs(),
                    opened.source().geometry().gridToCrs());
            assertEquals(12, expected.size());
            assertSameResults(expected, run(opened.source(), null));
        }
    }

    /** A SAFE product as Copernicus delivers it, with the scene and its bands as its 10 m images. */
    private static Path safe(Path folder, String baseline, boolean offset) throws Exception {
        return SafeFixtures.product(folder, baseline, offset, scene, bands16);
    }

    @Test
    void aSafeZipGivesItsTrueColourImageOrItsBandsWithTheOffsetOfBaseline0400() throws Exception {
        Path product = safe(Files.createDirectories(temp.resolve("safe-new")), "05.10", true);
        Path zip = GdalTools.zip(product, temp.resolve("S2B_MSIL2A_new.zip"));
        List<WindowResult> expected = runGeoTiff();
        try (OpenedRaster tci = local().open(zip, "product.zip", List.of())) {
            assertTrue(tci.description().contains("TCI"), tci.description());
            assertNull(tci.rescale(), "the TCI is 8-bit, taken as it is");
            assertSameResults(expected, run(tci.source(), null));
        }
        // as a server stages a client's zip: under a name of its own, not ending in .zip
        Path staged = Files.copy(zip, temp.resolve("raster.dat"));
        try (OpenedRaster tci = new RasterInputs(null, false).open(new RasterFile(staged, "application/zip"), "raster",
                List.of())) {
            assertSameResults(expected, run(tci.source(), null));
        }
        try (OpenedRaster bands = local().open(zip, "product.zip", List.of("B04", "B03", "B02"))) {
            assertEquals(DataBuffer.TYPE_USHORT, bands.source().dataType());
            assertEquals(new Rescale(1000, 3000), bands.rescale(), "reflectance 0..0.2 after the -1000 offset");
            assertEquals(0, bands.source().noData(0), "0 is Sentinel-2's no-data");
            Strip strip = bands.source().readRows(10, 1, RGB);
            for (int b = 0; b < 3; b++) {
                assertEquals(1000 + 8 * ((5 * 7 + 10 * 13 + b * 50) % 250), strip.sample(b, 5, 10), 0,
                        "band " + (b + 1) + " is " + List.of("B04", "B03", "B02").get(b));
            }
            try (OpenedRaster stack = local().open(bandsAsOneTiff(), "stack.tif", List.of())) {
                assertSameResults(run(stack.source(), bands.rescale()), run(bands.source(), bands.rescale()));
            }
        }
    }

    @Test
    void aSafeFolderOfAnOlderBaselineIsStretchedWithoutTheOffset() throws Exception {
        Path product = safe(Files.createDirectories(temp.resolve("safe-old")), "03.01", false);
        try (OpenedRaster bands = local().open(product, "old.SAFE", List.of("B04", "B03", "B02"))) {
            assertEquals(new Rescale(0, 2000), bands.rescale());
            assertTrue(bands.description().contains("baseline 03.01"), bands.description());
        }
        RasterException wrong = assertThrows(RasterException.class,
                () -> local().open(product, "old.SAFE", List.of("B04", "B05", "B02")));
        assertTrue(wrong.getMessage().contains("no B05 image in the product at 10 m"), wrong.getMessage());
    }

    private static Path bandsAsOneTiff() throws Exception {
        Path vrt = temp.resolve("stack.vrt");
        Path tif = temp.resolve("stack.tif");
        if (!Files.exists(tif)) {
            GdalTools.run("gdalbuildvrt", "-q", "-separate", vrt, bands16[0], bands16[1], bands16[2]);
            GdalTools.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", vrt, tif);
        }
        return tif;
    }

    private static Path cog(String name, String... bandOptions) throws Exception {
        return GdalTools.noisyCog(temp, name, bandOptions);
    }

    private static RasterInputs remote(String... allow) {
        return new RasterInputs(new ReferenceFetcher(new ReferenceRules(List.of(allow), 1L << 30, 30L)), false);
    }

    @Test
    void aRemoteCogIsReadInPartsForOneWindowAndGivesTheResultsOfTheLocalFile() throws Exception {
        Path cog = cog("cog.tif");
        AreaOfInterest firstWindow = AreaOfInterest.parse("440000,4127760,442240,4130000,EPSG:32630");
        List<WindowResult> expected;
        try (OpenedRaster file = local().open(cog, "cog.tif", List.of())) {
            expected = run(firstWindow.crop(file.source()), null);
        }
        assertEquals(1, expected.size());
        try (RangeServer server = new RangeServer(temp)) {
            try (OpenedRaster opened = remote(server.url("")).open(server.url("cog.tif"), "raster", List.of())) {
                assertSameResults(expected, run(firstWindow.crop(opened.source()), null));
            }
            long size = Files.size(cog);
            assertTrue(server.bytesSent.get() < 0.3 * size, "one window read " + server.bytesSent.get()
                    + " bytes of a " + size + "-byte COG");
        }
    }

    @Test
    void aRedirectToAHostOffTheAllowListIsRefused() throws Exception {
        cog("cog.tif");
        try (RangeServer server = new RangeServer(temp)) {
            server.redirects.put("moved.tif", "http://elsewhere.invalid/cog.tif");
            server.redirects.put("moved-here.tif", server.url("cog.tif"));
            RasterException refused = assertThrows(RasterException.class,
                    () -> remote(server.url("")).open(server.url("moved.tif"), "raster", List.of()));
            assertTrue(refused.getMessage().contains("redirects to a URL that is refused")
                    && refused.getMessage().contains("allow-list"), refused.getMessage());
            try (OpenedRaster opened = remote(server.url("")).open(server.url("moved-here.tif"), "raster", List.of())) {
                assertEquals(10 * 224, opened.source().geometry().width(), "a redirect within the allow-list is followed");
            }
            RasterException notAllowed = assertThrows(RasterException.class,
                    () -> remote("https://example.org/").open(server.url("cog.tif"), "raster", List.of()));
            assertTrue(notAllowed.getMessage().contains("allow-list"), notAllowed.getMessage());
        }
    }

    @Test
    void aStacItemGivesItsVisualAssetOrItsRedGreenBlueAssets() throws Exception {
        Path cog = cog("cog.tif");
        cog("red.tif", "-b", "1");
        cog("green.tif", "-b", "2");
        cog("blue.tif", "-b", "3");
        AreaOfInterest twoWindows = AreaOfInterest.parse("440000,4127760,444480,4130000,EPSG:32630");
        List<WindowResult> expected;
        try (OpenedRaster file = local().open(cog, "cog.tif", List.of())) {
            expected = run(twoWindows.crop(file.source()), null);
        }
        try (RangeServer server = new RangeServer(temp)) {
            String band = "{\"href\": \"%s\", \"type\": \"image/tiff; application=geotiff; profile=cloud-optimized\","
                    + " \"eo:bands\": [{\"name\": \"%s\", \"common_name\": \"%s\"}]}";
            String item = "{\"type\": \"Feature\", \"stac_version\": \"1.0.0\", \"id\": \"S2B_30SUG_20240615_0_L2A\","
                    + " \"geometry\": null, \"properties\": {}, \"assets\": {"
                    + "\"visual\": {\"href\": \"cog.tif\", \"roles\": [\"visual\"]},"
                    + "\"red\": " + band.formatted(server.url("red.tif"), "B04", "red") + ","
                    + "\"green\": " + band.formatted(server.url("green.tif"), "B03", "green") + ","
                    + "\"blue\": " + band.formatted(server.url("blue.tif"), "B02", "blue") + "}}";
            Files.writeString(temp.resolve("item.json"), item);
            try (OpenedRaster visual = remote(server.url("")).open(server.url("item.json"), "item", List.of())) {
                assertTrue(visual.description().contains("asset 'visual'"), visual.description());
                assertSameResults(expected, run(twoWindows.crop(visual.source()), null));
            }
            try (OpenedRaster rgb = remote(server.url("")).open(temp.resolve("item.json"), "item.json",
                    List.of("B04", "B03", "B02"))) {
                assertSameResults(expected, run(twoWindows.crop(rgb.source()), null));
            }
            RasterException relative = assertThrows(RasterException.class, () -> remote(server.url(""))
                    .open(temp.resolve("item.json"), "item.json", List.of()));
            assertTrue(relative.getMessage().contains("never read for a client"), relative.getMessage());
        }
    }

    @Test
    void aFileThatIsNoneOfTheseSaysWhatItIs() throws Exception {
        Path zip = temp.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes());
        }
        RasterException notSafe = assertThrows(RasterException.class, () -> local().open(zip, "other.zip", List.of()));
        assertTrue(notSafe.getMessage().contains("holds no Sentinel-2 SAFE product"), notSafe.getMessage());
        Path collection = temp.resolve("search.json");
        Files.writeString(collection, "{\"type\": \"FeatureCollection\", \"features\": []}");
        RasterException notItem = assertThrows(RasterException.class, () -> local().open(collection, "search.json", List.of()));
        assertTrue(notItem.getMessage().contains("give one of its items"), notItem.getMessage());
        RasterException names = assertThrows(RasterException.class, () -> local().open(scene, "scene.tif", List.of("red", "green", "blue")));
        assertTrue(names.getMessage().contains("for a single file give band indexes"), names.getMessage());
        try (OutputStream out = Files.newOutputStream(temp.resolve("noise.bin"))) {
            out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        }
        RasterException noise = assertThrows(RasterException.class,
                () -> local().open(temp.resolve("noise.bin"), "noise.bin", List.of()));
        assertTrue(noise.getMessage().startsWith("noise.bin: cannot be read"), noise.getMessage());
    }
}
