package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A continental-style run: two rasters in different UTM zones (30N and 29N), a DEM and a climate raster in
 * longitude/latitude that cover both, the other variables as values, an area that cuts one raster, all given by
 * paths relative to the driver's working folder. Each window equals what `rgbunmix run` computes with the same
 * options (the one binder over the same files, then the engine); a missing raster of the list is reported with its
 * reason.
 */
class SparkAncillaryRastersTest {
    private static final String VALUES = "evapotranspiration=894.2,precipitation=376.1,temp_max=23.7,temp_min=10.1";
    private static final String[] N1 = {"artificial", "agricultural_lands", "terrestrial_wildlands",
            "wetlands_and_riverine_forests"};

    @TempDir
    static Path temp;
    static Path out;
    static Path dem;
    static Path climate;
    static final Map<String, List<WindowResult>> expected = new HashMap<>();

    private static RasterGeometry geometry(String crs, int width, int height, double west, double north, double pixel) {
        return new RasterGeometry(width, height, Crs.forCode(crs), new AffineTransform(pixel, 0, 0, -pixel, west, north));
    }

    /** A raster of cols x rows windows, its pixels varying within and between windows. */
    private static Path scene(String name, String crs, int cols, int rows, double west, double north, int seed)
            throws Exception {
        Path file = temp.resolve("rasters").resolve(name);
        Files.createDirectories(file.getParent());
        SyntheticRaster.write(file, geometry(crs, cols * 224, rows * 224, west, north, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 1 + (x * (5 + seed) + y * 11 + b * 60 + (x / 224) * 35 * seed) % 250);
        return file;
    }

    /** The path as the job is given it: relative to the working folder the tests run in. */
    private static String relative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    /** What `rgbunmix run` computes: the one binder over the files, then the engine. */
    private static List<WindowResult> run(Path raster, String area) throws Exception {
        Map<String, List<InputValue>> given = new LinkedHashMap<>();
        given.put("raster", List.of(new InputValue.Complex(null, raster)));
        given.put("dem", List.of(new InputValue.Complex(null, dem)));
        given.put("temp_aveRaster", List.of(new InputValue.Complex(null, climate)));
        given.put("ancillaryValues", List.of(new InputValue.Literal(VALUES)));
        if (area != null) {
            given.put("area", List.of(new InputValue.Literal(area)));
        }
        ProcessInputs inputs = ProcessInputs.validate(ProcessDescriptions.ESTIMATE_ABUNDANCES, given);
        RunSources files = new RunSources() {
            @Override
            public List<OpenedRaster> dates(String input, List<String> bandNames) throws Exception {
                return rasters(input);
            }

            @Override
            public List<OpenedRaster> rasters(String input) throws Exception {
                Path file = inputs.complex(input).orElseThrow().file();
                return List.of(new OpenedRaster(GeoRaster.open(file), null, file.toString()));
            }

            @Override
            public Optional<FeatureCollection> features(String input) {
                return Optional.empty();
            }
        };
        CollectingWriter collect = new CollectingWriter();
        CheckedRun run = CheckedRun.of(inputs);
        try (ModelStore store = TestData.store();
             RunBinder.BoundRaster bound = RunBinder.raster(run, files, "raster", null);
             AncillaryLayers ancillary = RunBinder.ancillary(run, files, bound.raster())) {
            new UnmixEngine(store).run(bound.raster(), ancillary.source(), bound.options(), collect,
                    ProgressListener.NONE, () -> false);
        }
        return collect.results;
    }

    @BeforeAll
    static void runTheJob() throws Exception {
        Path east = scene("east.tif", "EPSG:32630", 3, 2, 440000, 4130000, 1);
        Path west = scene("west.tif", "EPSG:32629", 2, 2, 720000, 4130000, 2);
        dem = temp.resolve("dem.tif");
        SyntheticRaster.write(dem, geometry("EPSG:4326", 900, 200, -7.5, 37.8, 0.005), 1, DataBuffer.TYPE_FLOAT,
                Double.NaN, (x, y, b) -> 300 + 200 * Math.sin(x / 40.0) * Math.cos(y / 30.0) + y);
        climate = temp.resolve("tmean.tif");
        SyntheticRaster.write(climate, geometry("EPSG:4326", 90, 20, -7.5, 37.8, 0.05), 1, DataBuffer.TYPE_FLOAT,
                Double.NaN, (x, y, b) -> 12 + x * 0.1 - y * 0.05);
        // the area: all of the west raster, the east raster's first two window columns (to -3.627) and a bit
        String area = "-7,36.5,-3.62,38.5";
        Path list = temp.resolve("list.txt");
        Files.writeString(list, relative(east) + "\n" + relative(west) + "\n" + relative(temp.resolve("gone.tif")) + "\n");
        expected.put("east", run(east, area));
        expected.put("west", run(west, area));
        out = temp.resolve("out");
        int code = SparkJob.commandLine().execute("--master", "local[2]", "--rasters", relative(list), "--models",
                relative(TestData.MODELS), "--dem", relative(dem), "--temp-ave-raster", relative(climate),
                "--ancillary-values", VALUES, "--area", area, "--rows-per-task", "1", "--out", relative(out));
        assertEquals(0, code);
    }

    @Test
    void everyWindowEqualsRunsWithTheDemAndTheClimateRaster() {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read-back")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> rows = spark.read().parquet(out.resolve("abundances.parquet").toString()).collectAsList();
            int windows = expected.values().stream().mapToInt(List::size).sum();
            assertEquals(windows, rows.size(), "every window of the area once");
            for (Row row : rows) {
                String id = row.getAs("raster_id");
                long windowId = row.getAs("window_id");
                WindowResult window = expected.get(id).stream().filter(w -> w.window().id() == windowId).findFirst()
                        .orElseThrow();
                for (int k = 0; k < N1.length; k++) {
                    assertEquals(window.percent(k), (double) row.getAs(N1[k]), 1e-6, id + " " + windowId + " " + N1[k]);
                }
                assertEquals(window.ancillary().get(2), (double) row.getAs("elevation"), 1e-6, "elevation from the DEM");
                assertEquals(window.ancillary().get(3), (double) row.getAs("slope"), 1e-6, "slope from the DEM");
                assertEquals(window.ancillary().get(4), (double) row.getAs("temp_ave"), 1e-6, "temp_ave from its raster");
                assertTrue(window.ancillary().get(2) > 90 && window.ancillary().get(2) < 700, "an elevation of the DEM");
            }
        } finally {
            spark.stop();
        }
    }

    @Test
    void theAreaCutsTheEastRasterAndTheMissingOneIsReportedWithItsReason() throws Exception {
        assertEquals(4, expected.get("east").size(), "two window columns of three, both rows");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("failed").asInt());
        for (JsonNode outcome : summary.get("outcomes")) {
            if (outcome.get("rasterId").asText().equals("gone")) {
                String reason = outcome.get("error").asText();
                assertTrue(reason.contains(temp.resolve("gone.tif").toAbsolutePath().toString())
                        && reason.length() > temp.resolve("gone.tif").toAbsolutePath().toString().length() + 5, reason);
            } else {
                assertEquals(expected.get(outcome.get("rasterId").asText()).size(), outcome.get("processed").asLong());
            }
        }
    }
}
