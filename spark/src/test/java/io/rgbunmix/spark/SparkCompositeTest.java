package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.LayeredAncillary;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set of scenes per output raster: one line of the list names three cloudy dates and their masks, and
 * the job's abundance GeoTIFF is the cloud-free truth's, but for the window no date sees clear.
 */
class SparkCompositeTest {
    private static final int W = 224;
    private static final int[][] CLOUDS = {{0, 0, 224, 224}, {224, 0, 448, 300}, {100, 224, 400, 448}};

    @TempDir
    Path temp;

    private static double truth(int x, int y, int b) {
        return 1 + (x * 7 + y * 13 + b * 50 + (x / W) * 40 + (y / W) * 60 + (x * y) % 23) % 200;
    }

    private static boolean clouded(int d, int x, int y) {
        int[] c = CLOUDS[d];
        return (x >= c[0] && x < c[2] && y >= c[1] && y < c[3]) || (x >= 2 * W && y >= W);
    }

    @Test
    void oneLineOfDatesAndMasksIsOneCompositeRaster() throws Exception {
        var grid = TestData.utm(3 * W, 2 * W, 440000, 4130000, 10);
        Path truth = temp.resolve("truth.tif");
        SyntheticRaster.write(truth, grid, 3, DataBuffer.TYPE_BYTE, Double.NaN, SparkCompositeTest::truth);
        StringBuilder line = new StringBuilder();
        for (int d = 0; d < 3; d++) {
            int date = d;
            Path scene = temp.resolve("S2_2024050" + (d + 1) + ".tif");
            Path mask = temp.resolve("scl" + d + ".tif");
            SyntheticRaster.write(scene, grid, 3, DataBuffer.TYPE_BYTE, Double.NaN,
                    (x, y, b) -> clouded(date, x, y) ? 250 : truth(x, y, b));
            SyntheticRaster.write(mask, grid, 1, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> clouded(date, x, y) ? 9 : 4);
            line.append(d == 0 ? "" : ";").append(scene).append('@').append(mask);
        }
        Path list = Files.writeString(temp.resolve("rasters.txt"), "# three dates, one composite\n" + line + "\n");
        CollectingWriter clear = new CollectingWriter();
        try (ModelStore store = TestData.store(); GeoRaster raster = GeoRaster.open(truth)) {
            new UnmixEngine(store).run(raster, new LayeredAncillary(AncillaryValues.parseSome(TestData.ANCILLARY_TEXT),
                    Map.of(), null), UnmixOptions.defaults(Level.N1), clear, ProgressListener.NONE, () -> false);
        }
        Path out = temp.resolve("out");
        int code = SparkJob.commandLine().execute("--master", "local[2]", "--rasters", list.toString(), "--models",
                TestData.MODELS.toString(), "--ancillary-values", TestData.ANCILLARY_TEXT, "--mask-classes", "9",
                "--out", out.toString());
        assertEquals(0, code);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("rasters").asInt());
        assertEquals(5, summary.get("processed").asLong(), summary.toString());
        try (GeoRaster tif = GeoRaster.open(out.resolve("rasters").resolve("S2_20240501.tif"))) {
            Strip all = tif.readRows(0, 2, new int[] {0, 1, 2, 3});
            for (WindowResult window : clear.results) {
                int at = window.window().row() * 3 + window.window().col();
                for (int k = 0; k < 4; k++) {
                    if (window.window().id() == 5) {
                        assertTrue(Float.isNaN(all.bands()[k][at]), "window 5 has no clear date");
                    } else {
                        assertEquals(window.percent(k), all.bands()[k][at], 1e-4, "window " + window.window().id());
                    }
                }
            }
        }
    }
}
