package io.rgbunmix.unmix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several inferring threads on one shared session give the same results, to the bit and in window
 * order, as one: with the shipped EfficientNet model, whose batches take long enough to finish out of
 * order.
 */
class ParallelInferenceTest {
    private static final Path SHIPPED = Path.of("models");

    @TempDir
    Path temp;

    private List<WindowResult> run(Path raster, int inferringThreads) throws Exception {
        CollectingWriter collect = new CollectingWriter();
        try (ModelStore store = new ModelStore(SHIPPED, new InferenceSettings(2, 1, inferringThreads));
             GeoRaster input = GeoRaster.open(raster)) {
            new UnmixEngine(store).run(input, AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY)),
                    UnmixOptions.defaults(Level.N2), collect, ProgressListener.NONE, () -> false);
        }
        return collect.results;
    }

    @Test
    void twoAndThreeInferringThreadsGiveTheResultsOfOneBitForBitInWindowOrder() throws Exception {
        Path raster = temp.resolve("texture.tif");
        // 4 x 3 windows of varied texture, in batches of 2: six batches in flight among the threads
        SyntheticRaster.write(raster, TestData.utm(4 * 224, 3 * 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> (x * 7 + y * 13 + b * 50 + (x / 224) * 40 + (x * y) % 23) % 256);
        List<WindowResult> one = run(raster, 1);
        assertEquals(12, one.size());
        for (int i = 0; i < one.size(); i++) {
            assertEquals(i, one.get(i).window().id(), "windows in grid order");
        }
        for (int threads : new int[] {2, 3}) {
            List<WindowResult> many = run(raster, threads);
            assertEquals(one.size(), many.size());
            for (int i = 0; i < one.size(); i++) {
                assertEquals(one.get(i).window(), many.get(i).window(), threads + " threads: window " + i);
                assertArrayEquals(one.get(i).abundance(), many.get(i).abundance(), threads + " threads: window " + i);
                assertArrayEquals(one.get(i).presence(), many.get(i).presence(), threads + " threads: window " + i);
            }
        }
    }

    /**
     * Runs at once on one store share its inferring threads (a server's jobs do): each fills its own batches in its
     * own order, none waits on another's, and each gets the results it gets alone.
     */
    @Test
    void runsAtOnceOnOneStoreGetTheirOwnResults() throws Exception {
        List<Path> rasters = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Path raster = temp.resolve("r" + r + ".tif");
            int shift = 37 * r;
            SyntheticRaster.write(raster, TestData.utm(4 * 224, 3 * 224, 300000, 4200000, 10), 3,
                    DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> ((x / 224) * 50 + (y / 224) * 30 + b * 60 + shift) % 256);
            rasters.add(raster);
        }
        try (ModelStore store = new ModelStore(TestData.MODELS, new InferenceSettings(2, 1, 2))) {
            List<List<WindowResult>> alone = new ArrayList<>();
            for (Path raster : rasters) {
                alone.add(run(store, raster));
            }
            ExecutorService callers = Executors.newFixedThreadPool(rasters.size());
            try {
                List<Future<List<WindowResult>>> together = new ArrayList<>();
                for (Path raster : rasters) {
                    together.add(callers.submit(() -> run(store, raster)));
                }
                for (int r = 0; r < rasters.size(); r++) {
                    List<WindowResult> results = together.get(r).get(60, TimeUnit.SECONDS);
                    assertEquals(12, results.size());
                    for (int i = 0; i < results.size(); i++) {
                        assertEquals(i, results.get(i).window().id(), "raster " + r + ": windows in grid order");
                        assertArrayEquals(alone.get(r).get(i).abundance(), results.get(i).abundance(),
                                "raster " + r + ", window " + i);
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    private static List<WindowResult> run(ModelStore store, Path raster) throws Exception {
        CollectingWriter collect = new CollectingWriter();
        try (GeoRaster input = GeoRaster.open(raster)) {
            new UnmixEngine(store).run(input, AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY)),
                    UnmixOptions.defaults(Level.N1), collect, ProgressListener.NONE, () -> false);
        }
        return collect.results;
    }
}
