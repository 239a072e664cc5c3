package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path temp;

    private static CliRun execute(String... args) {
        return CliRun.of(args);
    }

    @Test
    void runWritesTheThreeOutputsAndASummary() throws Exception {
        Path raster = temp.resolve("in.tif");
        SyntheticRaster.write(raster, TestData.utm(500, 300, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 100);
        Path out = temp.resolve("out");
        CliRun outcome = execute("run", "--raster", raster.toString(), "--ancillary-values", TestData.ANCILLARY_TEXT,
                "--level", "n2", "--out", out.toString(), "--models", TestData.MODELS.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().startsWith("2 of 2 windows processed"), outcome.out());
        assertTrue(outcome.err().contains("is UNTRAINED"), "the user is told the model is untrained");
        for (String name : new String[] {"abundances.geojson", "abundances.csv", "abundances.tif", "abundances.png",
                "abundances.html"}) {
            assertTrue(Files.size(out.resolve(name)) > 0, name);
        }

        Path bare = temp.resolve("bare");
        assertEquals(0, execute("run", "--raster", raster.toString(), "--ancillary-values", TestData.ANCILLARY_TEXT,
                "--no-pictures", "--out", bare.toString(), "--models", TestData.MODELS.toString()).code());
        assertTrue(Files.isRegularFile(bare.resolve("abundances.tif")));
        assertTrue(!Files.exists(bare.resolve("abundances.png")) && !Files.exists(bare.resolve("abundances.html")),
                "--no-pictures writes neither picture");
    }

    @Test
    void errorsAreOneLineWithExitCodeTwoForBadInputAndOneForTheRest() throws Exception {
        CliRun outcome = execute("run", "--raster", temp.resolve("missing.tif").toString(), "--ancillary-values",
                TestData.ANCILLARY_TEXT, "--out", temp.toString(), "--models", TestData.MODELS.toString());
        assertEquals(2, outcome.code(), "the user's input is at fault");
        assertTrue(outcome.err().startsWith("rgbunmix: error: missing.tif: "), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), outcome.err());

        CliRun badStride = execute("run", "--raster", "x.tif", "--ancillary-values", TestData.ANCILLARY_TEXT,
                "--stride", "300", "--out", temp.toString());
        // checked as the servers check the stride input, and named by its option
        assertEquals("rgbunmix: error: --stride must be between 1 and 224, got 300", badStride.err().strip());
        assertEquals(2, badStride.code());

        Path raster = temp.resolve("in.tif");
        SyntheticRaster.write(raster, TestData.utm(224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 100);
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        CliRun unwritable = execute("run", "--raster", raster.toString(), "--ancillary-values", TestData.ANCILLARY_TEXT,
                "--out", notAFolder.resolve("out").toString(), "--models", TestData.MODELS.toString());
        assertEquals(1, unwritable.code(), "an output folder that cannot be made is not the input's fault: "
                + unwritable.err());
    }

    @Test
    void benchReportsMedianAndSpreadOfInterleavedRunsAsJson() throws Exception {
        Path raster = temp.resolve("bench.tif");
        SyntheticRaster.write(raster, TestData.utm(3 * 224, 2 * 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> (x + 3 * y + 40 * b) % 256);
        CliRun outcome = execute("bench", "--raster", raster.toString(), "--repeats", "3", "--warm-ups", "1", "--json",
                "--decoded", "--inference-threads", "2", "--batch-size", "2", "--models", TestData.MODELS.toString());
        assertEquals(0, outcome.code(), outcome.err());
        CliRun noWarmUps = execute("bench", "--raster", raster.toString(), "--warm-ups", "-1", "--models",
                TestData.MODELS.toString());
        assertEquals("rgbunmix: error: --repeats must be at least 1 and --warm-ups at least 0, got 5 and -1",
                noWarmUps.err().strip());
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(outcome.out());
        assertEquals(6, report.get("windowsPerMeasurement").asInt());
        assertEquals(2, report.get("inferenceThreads").asInt());
        assertEquals(3, report.get("repeats").asInt());
        assertEquals(1, report.get("warmUps").asInt());
        for (String kind : new String[] {"rawWindowsPerSecond", "endToEndWindowsPerSecond",
                "decodedEndToEndWindowsPerSecond"}) {
            var figures = report.get(kind);
            assertEquals(3, figures.get("runs").size(), kind);
            assertTrue(figures.get("min").asDouble() > 0 && figures.get("min").asDouble() <= figures.get("median")
                    .asDouble() && figures.get("median").asDouble() <= figures.get("max").asDouble(), kind + ": " + figures);
        }
        assertEquals(report.get("endToEndWindowsPerSecond").get("median").asDouble()
                / report.get("rawWindowsPerSecond").get("median").asDouble(), report.get("ratioOfMedians").asDouble(), 1e-9);
        assertTrue(report.get("otherProcessesCores").asDouble() >= 0);
        assertEquals(report.get("decodedEndToEndWindowsPerSecond").get("median").asDouble()
                / report.get("rawWindowsPerSecond").get("median").asDouble(), report.get("decodedRatioOfMedians")
                .asDouble(), 1e-9);
        // the CPU a window costs, the model alone and end to end, and what the pipeline adds from the same medians
        // (the test model is so fast that the OS's 10 ms ticks may show none: then there is no share)
        double rawCpu = report.get("rawCpuMillisPerWindow").get("median").asDouble();
        double wholeCpu = report.get("endToEndCpuMillisPerWindow").get("median").asDouble();
        assertTrue(rawCpu >= 0 && wholeCpu >= 0, report.toString());
        assertEquals(3, report.get("endToEndCpuMillisPerWindow").get("runs").size());
        if (rawCpu > 0) {
            assertEquals(wholeCpu / rawCpu - 1, report.get("pipelineCpuShareOfModel").asDouble(), 1e-9);
        } else {
            assertTrue(report.get("pipelineCpuShareOfModel").isNull(), report.toString());
        }
        // HotSpot times its compilations: how long the JIT compiled while each kind was measured, never less than 0
        for (String kind : new String[] {"rawJitCompileMillis", "endToEndJitCompileMillis"}) {
            assertTrue(report.get(kind).isIntegralNumber() && report.get(kind).asLong() >= 0, kind + ": " + report);
        }
        CliRun text = execute("bench", "--raster", raster.toString(), "--repeats", "1", "--warm-ups", "0", "--models",
                TestData.MODELS.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().matches("(?s).*\\nthe JIT compiled for \\d+ ms during the end-to-end runs, \\d+ ms "
                + "during the raw ones.*"), text.out());
    }

    @Test
    void ancillaryDataAreRequiredInSomeForm() {
        CliRun outcome = execute("run", "--raster", "x.tif", "--out", temp.resolve("o").toString());
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("give the ancillary data: --ancillary, --ancillary-values, --dem"),
                outcome.err());
    }

    @Test
    void batchAndModelsCommands() throws Exception {
        Path samples = TestData.SHARED.resolve("sipna-samples/input");
        CliRun batch = execute("batch", "--images", samples.resolve("RGB satellite images folder").toString(),
                "--ancillary", samples.resolve("Environmental ancillary data CSV file.csv").toString(),
                "--out", temp.toString(), "--models", TestData.MODELS.toString());
        assertEquals(0, batch.code(), batch.err());
        assertTrue(Files.exists(temp.resolve("Abundance estimation results at level N1.csv")));

        CliRun models = execute("models", "--models", TestData.MODELS.toString());
        assertEquals(0, models.code());
        assertTrue(models.out().contains("untrained-test-n1  ok  level N1, 4 classes, UNTRAINED"),
                models.out());
        Path broken = Files.createDirectories(temp.resolve("models/broken"));
        Files.writeString(broken.resolve("model.json"), "{}");
        assertEquals(1, execute("models", "--models", temp.resolve("models").toString()).code());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"run", "batch", "models", "bench"}) {
            CliRun help = execute(command, "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("Usage: rgbunmix " + command), help.out());
        }
    }
}
