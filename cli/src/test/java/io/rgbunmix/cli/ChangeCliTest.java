package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.inputs.GdalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rgbunmix change} on two synthetic periods made from the sample scene's mosaic: the "after" period is
 * the scene with three pairs of windows swapped, chosen from the mosaic's truth (scene-truth-n1.csv) where a class
 * differs by more than 60 points between the two, among the windows the model reads within 15 points of the truth. The change must find those windows with the truth's sign,
 * equal the difference of two runs, and call the untouched windows "not likely".
 */
class ChangeCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENE = Path.of("samples/scene.tif");
    private static final Path ANCILLARY = Path.of("samples/scene-ancillary.geojson");
    private static final List<String> N1 = List.of("artificial", "agricultural_lands", "terrestrial_wildlands",
            "wetlands_and_riverine_forests");
    private static final int SIDE = 224;

    @TempDir
    static Path temp;
    /** Each swapped window and the one whose pixels it now has. */
    private static final Map<Integer, Integer> SWAPPED = new HashMap<>();
    private static final Map<Integer, double[]> TRUTH = new HashMap<>();
    private static Path afterScene;
    private static Map<Integer, JsonNode> beforeRun;

    @BeforeAll
    static void periods() throws Exception {
        for (String line : Files.readAllLines(Path.of("samples/scene-truth-n1.csv")).subList(1, 101)) {
            String[] cells = line.split(",");
            TRUTH.put(Integer.parseInt(cells[0]), new double[] {Double.parseDouble(cells[3]),
                    Double.parseDouble(cells[4]), Double.parseDouble(cells[5]), Double.parseDouble(cells[6])});
        }
        // windows where the model sees the truth (within 15 points each class): the proxy model misreads some, and a
        // swap the model cannot tell apart tests the model, not the change
        beforeRun = windows(run("before", SCENE));
        Set<Integer> used = new HashSet<>();
        for (int id = 0; id < 100; id++) {
            for (int k = 0; k < 4; k++) {
                if (Math.abs(beforeRun.get(id).get(N1.get(k)).asDouble() - TRUTH.get(id)[k]) > 15) {
                    used.add(id);
                }
            }
        }
        for (int a = 0; a < 100 && SWAPPED.size() < 6; a++) {
            for (int b = a + 1; b < 100 && !used.contains(a); b++) {
                if (!used.contains(b) && largest(a, b) > 60) {
                    used.addAll(List.of(a, b));
                    SWAPPED.put(a, b);
                    SWAPPED.put(b, a);
                }
            }
        }
        assertEquals(6, SWAPPED.size(), "three pairs of very different windows in the mosaic");
        // the scene's grid: origin 440000, 4130000, 10 m pixels, 10 x 10 windows of 224 pixels
        List<String> mosaic = new ArrayList<>(List.of("gdalbuildvrt", "-q", temp.resolve("after.vrt").toString(),
                SCENE.toAbsolutePath().toString()));
        for (Map.Entry<Integer, Integer> swap : SWAPPED.entrySet()) {
            int to = swap.getKey();
            int from = swap.getValue();
            Path piece = temp.resolve("piece-" + to + ".tif");
            double west = 440000 + (to % 10) * SIDE * 10.0;
            double north = 4130000 - (to / 10) * SIDE * 10.0;
            GdalTools.run(List.of("gdal_translate", "-q", "-srcwin", String.valueOf((from % 10) * SIDE),
                    String.valueOf((from / 10) * SIDE), String.valueOf(SIDE), String.valueOf(SIDE), "-a_ullr",
                    String.valueOf(west), String.valueOf(north), String.valueOf(west + SIDE * 10.0),
                    String.valueOf(north - SIDE * 10.0), SCENE.toAbsolutePath().toString(), piece.toString()).toArray());
            mosaic.add(piece.toString());
        }
        GdalTools.run(mosaic.toArray());
        afterScene = temp.resolve("after-20240601.tif");
        GdalTools.run(List.of("gdal_translate", "-q", temp.resolve("after.vrt").toString(), afterScene.toString()).toArray());
    }

    /** The largest difference of one class between two windows of the truth, in points. */
    private static double largest(int a, int b) {
        double largest = 0;
        for (int k = 0; k < 4; k++) {
            largest = Math.max(largest, Math.abs(TRUTH.get(a)[k] - TRUTH.get(b)[k]));
        }
        return largest;
    }

    private static Map<Integer, JsonNode> windows(Path geojson) throws Exception {
        Map<Integer, JsonNode> byId = new HashMap<>();
        JSON.readTree(geojson.toFile()).get("features").forEach(f -> byId.put(f.get("properties").get("window_id").asInt(),
                f.get("properties")));
        return byId;
    }

    private static Path run(String name, Path raster) throws Exception {
        Path out = temp.resolve(name);
        CliRun run = CliRun.of("run", "--raster", raster.toString(), "--ancillary", ANCILLARY.toString(), "--level", "N1",
                "--models", "models", "--no-pictures", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        return out.resolve("abundances.geojson");
    }

    @Test
    void theChangeFindsTheSwappedWindowsAndEqualsTheDifferenceOfTwoRuns() throws Exception {
        Map<Integer, JsonNode> before = beforeRun;
        Map<Integer, JsonNode> after = windows(run("after", afterScene));
        Path out = temp.resolve("change");
        CliRun change = CliRun.of("change", "--before", SCENE.toString(), "--after", afterScene.toString(),
                "--ancillary", ANCILLARY.toString(), "--level", "N1", "--models", "models", "--out", out.toString());
        assertEquals(0, change.code(), change.err());
        assertTrue(change.out().contains("100 windows compared, 6 with a likely change"), change.out());
        JsonNode document = JSON.readTree(out.resolve("change.geojson").toFile());
        Map<Integer, JsonNode> changes = windows(out.resolve("change.geojson"));
        assertEquals(100, changes.size());
        for (Map.Entry<Integer, JsonNode> entry : changes.entrySet()) {
            int id = entry.getKey();
            JsonNode window = entry.getValue();
            for (String key : N1) {
                double expected = after.get(id).get(key).asDouble() - before.get(id).get(key).asDouble();
                assertEquals(expected, window.get(key + "_change").asDouble(), 1e-6, "window " + id + " " + key);
            }
            assertEquals(SWAPPED.containsKey(id), window.get("likely_change").asBoolean(), "window " + id);
            if (SWAPPED.containsKey(id)) {
                // the class that differs most in the truth moved the truth's way, and that change is likely
                int k = 0;
                double[] from = TRUTH.get(id);
                double[] to = TRUTH.get(SWAPPED.get(id));
                for (int c = 1; c < 4; c++) {
                    k = Math.abs(to[c] - from[c]) > Math.abs(to[k] - from[k]) ? c : k;
                }
                assertEquals(Math.signum(to[k] - from[k]), Math.signum(window.get(N1.get(k) + "_change").asDouble()),
                        "window " + id + " " + N1.get(k));
                assertTrue(window.get(N1.get(k) + "_likely").asBoolean(), "window " + id + " " + N1.get(k));
            }
        }
        // the transition matrix counts what the two runs' dominant classes say
        JsonNode transitions = document.get("summary").get("transitions");
        for (String from : N1) {
            for (String to : N1) {
                long counted = before.keySet().stream().filter(id -> before.get(id).get("dominant_class").asText()
                        .equals(from) && after.get(id).get("dominant_class").asText().equals(to)).count();
                assertEquals(counted, transitions.get(from).get(to).asLong(), from + " -> " + to);
                // a window of the 10 m UTM sample is 2.24 km a side: its area on the sphere is within 0.5 % of 5.0176 km²
                assertEquals(counted * 5.0176, document.get("summary").get("transitionsKm2").get(from).get(to).asDouble(),
                        counted * 5.0176 * 0.005 + 1e-9, from + " -> " + to + " in km²");
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("change.csv"));
        assertEquals(101, csv.size());
        assertTrue(csv.get(0).startsWith("window_id,row,col,centre_lon,centre_lat,artificial_before,artificial_after,"
                + "artificial_change,artificial_likely"), csv.get(0));
        assertTrue(document.get("summary").get("likely").asText().contains("k * sqrt(2) * e"));
        // change.tif: band k of window (row, col) is class k's change
        Path band = temp.resolve("band3.xyz");
        GdalTools.run("gdal_translate", "-q", "-of", "XYZ", "-b", "3", out.resolve("change.tif"), band);
        List<String> cells = Files.readAllLines(band);
        assertEquals(100, cells.size());
        for (int id : List.of(0, 57, 99)) {
            double value = Double.parseDouble(cells.get(id).trim().split("\\s+")[2]);
            assertEquals(changes.get(id).get("terrestrial_wildlands_change").asDouble(), value, 1e-4, "window " + id);
        }
    }

    @Test
    void periodsThatDoNotOverlapAndASideWithNoSceneAreRefusedByName() throws Exception {
        Path far = temp.resolve("far.tif");
        GdalTools.run(List.of("gdal_translate", "-q", "-a_ullr", "140000", "4530000", "162400", "4507600",
                SCENE.toAbsolutePath().toString(), far.toString()).toArray());
        // the ancillary data are complete: they are checked first, with the other options
        CliRun apart = CliRun.of("change", "--before", SCENE.toString(), "--after", far.toString(), "--ancillary-values",
                TestData.ANCILLARY_TEXT, "--models", "models", "--out", temp.resolve("apart").toString());
        assertEquals(2, apart.code(), apart.err());
        assertTrue(apart.err().contains("the periods do not overlap"), apart.err());
        Path empty = Files.createDirectories(temp.resolve("empty"));
        CliRun none = CliRun.of("change", "--before", SCENE.toString(), "--after", empty.toString(), "--ancillary-values",
                TestData.ANCILLARY_TEXT, "--models", "models", "--out", temp.resolve("none").toString());
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains(empty.getFileName().toString()) || none.err().contains("--after"), none.err());
        assertFalse(none.err().contains("Exception"), none.err());
    }
}
