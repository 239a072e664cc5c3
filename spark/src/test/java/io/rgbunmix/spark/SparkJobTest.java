package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sedona.spark.SedonaContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode (2 cores, a failed task tried twice) over 3 rasters, one of them split
 * into several tasks of window rows, and a corrupt one: the same windows and abundances as the engine
 * run as `rgbunmix run` runs it, the corrupt raster reported while the others complete, and the
 * GeoParquet read back by Apache Sedona with its geometry and CRS.
 */
class SparkJobTest {
    private static final String[] N1 = {"artificial", "agricultural_lands", "terrestrial_wildlands",
            "wetlands_and_riverine_forests"};

    @TempDir
    static Path temp;
    static Path out;
    static Map<String, List<WindowResult>> expected = new HashMap<>();

    /** A raster of cols x rows windows in UTM 30N, its pixels varying within and between windows. */
    private static Path raster(String name, int cols, int rows, int seed) throws Exception {
        Path file = temp.resolve("rasters").resolve(name);
        Files.createDirectories(file.getParent());
        SyntheticRaster.write(file, TestData.utm(cols * 224 + 17, rows * 224 + 5, 440000 + seed * 5000, 4130000, 10), 3,
                DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> 1 + (x * (7 + seed) + y * 13 + b * 50 + (x / 224) * 40 * seed + (y / 224) * 60) % 250);
        return file;
    }

    private static List<WindowResult> engine(Path file) throws Exception {
        CollectingWriter collect = new CollectingWriter();
        try (ModelStore store = TestData.store(); GeoRaster raster = GeoRaster.open(file)) {
            new UnmixEngine(store).run(raster, new LayeredAncillary(AncillaryValues.parseSome(TestData.ANCILLARY_TEXT),
                            Map.of(), null), UnmixOptions.defaults(Level.N1), collect, ProgressListener.NONE, () -> false);
        }
        return collect.results;
    }

    @BeforeAll
    static void runTheJob() throws Exception {
        expected.put("small", engine(raster("small.tif", 2, 2, 1)));
        expected.put("wide", engine(raster("wide.tif", 3, 1, 2)));
        expected.put("tall", engine(raster("tall.tif", 3, 5, 3)));
        Files.write(temp.resolve("rasters").resolve("corrupt.tif"), "II*\0 this is not a GeoTIFF".getBytes());
        out = temp.resolve("out");
        int code = SparkJob.commandLine().execute("--master", "local[2,2]", "--rasters",
                temp.resolve("rasters").toString(), "--models", TestData.MODELS.toString(), "--ancillary-values",
                TestData.ANCILLARY_TEXT, "--rows-per-task", "2", "--out", out.toString());
        assertEquals(0, code);
    }

    @Test
    void theCorruptRasterIsReportedAndTheOthersComplete() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.get("rasters").asInt());
        assertEquals(1, summary.get("failed").asInt());
        assertEquals(4 + 3 + 15, summary.get("processed").asLong());
        for (JsonNode outcome : summary.get("outcomes")) {
            String id = outcome.get("rasterId").asText();
            assertEquals(id.equals("corrupt") ? "failed" : "done", outcome.get("status").asText(), outcome.toString());
            if (id.equals("corrupt")) {
                assertTrue(outcome.get("error").asText().length() > 0, outcome.toString());
            } else {
                assertEquals(expected.get(id).size(), outcome.get("processed").asLong());
            }
        }
        assertEquals(1, ExecutorModels.loaded(), "the model is loaded once per executor JVM, not per task");
    }

    @Test
    void theAbundanceGeoTiffOfEachRasterIsRunsOwn() throws Exception {
        for (Map.Entry<String, List<WindowResult>> raster : expected.entrySet()) {
            try (GeoRaster tif = GeoRaster.open(out.resolve("rasters").resolve(raster.getKey() + ".tif"))) {
                int cols = tif.geometry().width();
                Strip all = tif.readRows(0, tif.geometry().height(), new int[] {0, 1, 2, 3});
                for (WindowResult window : raster.getValue()) {
                    for (int k = 0; k < 4; k++) {
                        assertEquals(window.percent(k), all.bands()[k][window.window().row() * cols + window.window().col()],
                                1e-4, raster.getKey() + " window " + window.window().id());
                    }
                }
            }
        }
    }

    @Test
    void theGeoParquetHasEveryWindowOnceWithRunsAbundancesAndSedonaReadsIt() {
        SparkSession spark = SedonaContext.create(SedonaContext.builder().master("local[2]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate());
        Dataset<Row> windows = spark.read().format("geoparquet").load(out.resolve("abundances.parquet").toString());
        assertEquals("geometry", windows.schema().apply("geometry").name());
        assertTrue(windows.schema().apply("geometry").dataType().typeName().contains("geometry"),
                windows.schema().apply("geometry").dataType().typeName());
        List<Row> rows = windows.collectAsList();
        assertEquals(4 + 3 + 15, rows.size(), "every window once: none split, none doubled");
        for (Row row : rows) {
            String id = row.getAs("raster_id");
            long windowId = row.getAs("window_id");
            WindowResult window = expected.get(id).stream().filter(w -> w.window().id() == windowId).findFirst().orElseThrow();
            assertEquals(window.window().row(), (int) row.getAs("row"));
            for (int k = 0; k < 4; k++) {
                assertEquals(window.percent(k), (double) row.getAs(N1[k]), 1e-6, id + " " + windowId + " " + N1[k]);
            }
            org.locationtech.jts.geom.Geometry footprint = row.getAs("geometry");
            assertEquals(window.centreLon(), footprint.getCentroid().getX(), 1e-6);
            assertEquals(window.centreLat(), footprint.getCentroid().getY(), 1e-6);
        }
        Row metadata = spark.read().format("geoparquet.metadata").load(out.resolve("abundances.parquet").toString())
                .select("primary_column", "columns").first();
        assertEquals("geometry", metadata.getString(0));
        Map<String, Row> columns = metadata.getJavaMap(1);
        Row geometry = columns.get("geometry");
        assertNotNull(geometry);
        assertEquals("WKB", geometry.getAs("encoding"));
        assertTrue(String.valueOf((Object) geometry.getAs("crs")).contains("CRS84"), String.valueOf((Object) geometry.getAs("crs")));
        spark.stop();
    }
}
