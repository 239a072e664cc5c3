package io.rgbunmix.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality masks and composites on rasters made here: where the clouds are is known, so which windows
 * are skipped, what the others give and which dates each used can be told exactly.
 */
class CloudsAndCompositesTest {
    private static final int W = 224;
    /** 3 x 2 windows at 10 m, UTM 30N. */
    private static final RasterGeometry GRID = TestData.utm(3 * W, 2 * W, 440000, 4130000, 10);

    @TempDir
    Path temp;

    /** The cloud-free truth: varied colours, 8-bit. */
    private static double truth(int x, int y, int b) {
        return 1 + (x * 7 + y * 13 + b * 50 + (x / W) * 40 + (y / W) * 60 + (x * y) % 23) % 200;
    }

    private RasterSource tiff(String name, RasterGeometry geometry, int bands, SyntheticRaster.Samples samples)
            throws Exception {
        Path file = temp.resolve(name);
        SyntheticRaster.write(file, geometry, bands, DataBuffer.TYPE_BYTE, Double.NaN, samples);
        return GeoRaster.open(file);
    }

    private static CollectingWriter run(RasterSource raster) throws Exception {
        CollectingWriter collect = new CollectingWriter();
        try (ModelStore store = TestData.store()) {
            new UnmixEngine(store).run(raster, AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY)),
                    UnmixOptions.defaults(Level.N2), collect, ProgressListener.NONE, () -> false);
        }
        return collect;
    }

    private static Map<Long, WindowResult> byId(CollectingWriter collect) {
        Map<Long, WindowResult> results = new java.util.TreeMap<>();
        collect.results.forEach(r -> results.put(r.window().id(), r));
        return results;
    }

    /** An SCL at 20 m over the grid: class 4 (vegetation) but where {@code classAt} says otherwise. */
    private RasterSource scl(SyntheticRaster.Samples classAt) throws Exception {
        return tiff("scl.tif", TestData.utm(3 * W / 2, W, 440000, 4130000, 20), 1, classAt);
    }

    @Test
    void aCloudAndAShadowInTheSclSkipTheirWindowsWithReasonsAndTheOthersAreAsWithoutIt() throws Exception {
        // window 0 under a cloud (9), window 5 under a shadow (3), and 3 % of window 1 a medium cloud (8)
        RasterSource scl = scl((x, y, b) -> x < 112 && y < 112 ? 9 : x >= 224 && y >= 112 ? 3
                : x >= 112 && x < 224 && y < 112 && (x - 112) * 112 + y < 376 ? 8 : 4);
        RasterSource image = tiff("image.tif", GRID, 3, CloudsAndCompositesTest::truth);
        Map<Long, WindowResult> clear = byId(run(image));
        try (Scenes scenes = new Scenes()) {
            scenes.add(new OpenedRaster(image, null, "image", new OpenedRaster.FoundMask(scl,
                    OpenedRaster.FoundMask.Kind.SCENE_CLASSIFICATION, "S2B_TEST"), "2024-06-15"));
            OpenedRaster masked = scenes.raster(Scenes.MaskChoice.DEFAULT, null);
            CollectingWriter collect = run(masked.source());
            assertEquals(Map.of(0L, SkipReason.MASKED, 5L, SkipReason.MASKED), collect.skipReasons);
            assertEquals("clouds, cirrus, shadows, snow, no data and defective pixels 100 %", collect.skipped.get(0L));
            assertEquals(2, collect.summary.skipped(SkipReason.MASKED));
            assertTrue(collect.layout.mask().source().startsWith("SCL of S2B_TEST (classes 0,1,3,8,9,10,11)"),
                    collect.layout.mask().source());
            Map<Long, WindowResult> results = byId(collect);
            assertEquals(Set.of(1L, 2L, 3L, 4L), results.keySet());
            for (long id : List.of(2L, 3L, 4L)) {
                assertArrayEquals(clear.get(id).abundance(), results.get(id).abundance(), "window " + id);
                assertEquals(0.0, results.get(id).maskedFraction());
            }
            // 376 pixels at 20 m are 1504 at 10 m, 3.0 % of the window: kept, and said
            assertEquals(1504.0 / (W * W), results.get(1L).maskedFraction(), 1e-9);
        }
    }

    @Test
    void aMaskInAnotherCrsAndResolutionIsReadOntoTheGridByNearestNeighbour() throws Exception {
        RasterSource image = tiff("image.tif", GRID, 3, CloudsAndCompositesTest::truth);
        // a lon/lat mask at about 30 m over the whole image, with a cloud of half a window at window 4's centre
        double[] centre = new io.rgbunmix.geo.Reprojection(GRID.crs(), Crs.LON_LAT).apply(440000 + 1.5 * W * 10,
                4130000 - 1.5 * W * 10);
        double step = 0.0003;
        double west = centre[0] - 0.06;
        double north = centre[1] + 0.045;
        RasterGeometry lonLat = new RasterGeometry(400, 300, Crs.LON_LAT, new AffineTransform(step, 0, 0, -step, west, north));
        double half = W * 10 / 4.0 / 111_000;
        RasterSource mask = tiff("mask.tif", lonLat, 1, (x, y, b) -> {
            double lon = west + (x + 0.5) * step;
            double lat = north - (y + 0.5) * step;
            return Math.abs(lon - centre[0]) < half * 1.25 && Math.abs(lat - centre[1]) < half ? 1 : 0;
        });
        try (Scenes scenes = new Scenes()) {
            scenes.add(new OpenedRaster(image, null, "image"));
            scenes.addMask(mask);
            CollectingWriter collect = run(scenes.raster(Scenes.MaskChoice.DEFAULT, null).source());
            assertEquals(Set.of(4L), collect.skipped.keySet(), "only window 4 holds the cloud: " + collect.skipped);
            assertTrue(collect.skipped.get(4L).matches("masked pixels (2[0-9]|3[0-9]) %"), collect.skipped.get(4L));
        }
    }

    @Test
    void aMaskThatDoesNotCoverTheRasterIsRefusedInWords() throws Exception {
        RasterSource image = tiff("image.tif", GRID, 3, CloudsAndCompositesTest::truth);
        RasterSource half = tiff("half.tif", TestData.utm(3 * W / 2, W / 2, 440000, 4130000, 20), 1, (x, y, b) -> 0);
        try (Scenes scenes = new Scenes()) {
            scenes.add(new OpenedRaster(image, null, "image"));
            scenes.addMask(half);
            RasterException refused = assertThrows(RasterException.class,
                    () -> scenes.raster(Scenes.MaskChoice.DEFAULT, null));
            assertTrue(refused.getMessage().startsWith("mask: the mask half.tif covers only "), refused.getMessage());
        }
    }

    @Test
    void threeCloudyDatesMakeTheCloudFreeTruthAndSayWhichDatesEachWindowUsed() throws Exception {
        // date d is clouded (bright, and masked) over a block of its own; all three are clouded over window 5
        int[][] clouds = {{0, 0, 224, 224}, {224, 0, 448, 300}, {100, 224, 400, 448}};
        String[] labels = {"2024-05-01", "2024-06-10", "2024-07-20"};
        RasterSource truth = tiff("truth.tif", GRID, 3, CloudsAndCompositesTest::truth);
        Map<Long, WindowResult> expected = byId(run(truth));
        try (Scenes scenes = new Scenes()) {
            for (int d = 0; d < 3; d++) {
                int[] c = clouds[d];
                SyntheticRaster.Samples cloudy = (x, y, b) -> (x >= c[0] && x < c[2] && y >= c[1] && y < c[3])
                        || (x >= 448 && y >= 224) ? 250 : truth(x, y, b);
                scenes.add(new OpenedRaster(tiff("date" + d + ".tif", GRID, 3, cloudy), null, "date " + d, null, labels[d]));
                scenes.addMask(tiff("mask" + d + ".tif", GRID, 1, (x, y, b) -> cloudy.value(x, y, 0) == 250 ? 1 : 0));
            }
            OpenedRaster composite = scenes.raster(Scenes.MaskChoice.DEFAULT, null);
            assertEquals(List.of(labels), composite.source().dates());
            CollectingWriter collect = run(composite.source());
            assertEquals(Map.of(5L, SkipReason.NO_VALID_DATE), collect.skipReasons);
            Map<Long, WindowResult> results = byId(collect);
            for (long id = 0; id < 5; id++) {
                float[] want = expected.get(id).abundance();
                float[] got = results.get(id).abundance();
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], got[k], 1e-6, "window " + id + ", class " + k);
                }
                assertEquals(0.0, results.get(id).maskedFraction(), "the composite has no masked pixel left");
            }
            assertEquals(List.of(labels[1], labels[2]), results.get(0L).dates(), "date 1 is clouded over window 0");
            assertEquals(List.of(labels[0], labels[2]), results.get(1L).dates(), "date 1 is clouded over window 1");
            for (long id : List.of(2L, 3L, 4L)) {
                assertEquals(List.of(labels), results.get(id).dates(), "window " + id + " takes a part of each date");
            }
        }
    }

    @Test
    void scenesThatDoNotOverlapAreRefused() throws Exception {
        try (Scenes scenes = new Scenes()) {
            scenes.add(new OpenedRaster(tiff("a.tif", GRID, 3, CloudsAndCompositesTest::truth), null, "a"));
            scenes.add(new OpenedRaster(tiff("b.tif", TestData.utm(3 * W, 2 * W, 540000, 4130000, 10), 3,
                    CloudsAndCompositesTest::truth), null, "b"));
            RasterException refused = assertThrows(RasterException.class,
                    () -> scenes.raster(Scenes.MaskChoice.DEFAULT, null));
            assertTrue(refused.getMessage().startsWith("raster: the scenes do not overlap: b.tif"), refused.getMessage());
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5f, Composite.median(new float[] {4, 1, 3, 2}, 4));
        assertEquals(3f, Composite.median(new float[] {5, 3, 1, 99}, 3), "only the first k values count");
    }
}
