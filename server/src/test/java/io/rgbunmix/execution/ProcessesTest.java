package io.rgbunmix.execution;

import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.model.Level;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.jobs.JobLimits;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {
    @TempDir
    Path temp;
    private ModelStore models;
    private ProcessRegistry registry;
    private JobManager jobs;

    @BeforeEach
    void start() throws Exception {
        models = TestData.store();
        registry = ProcessRegistry.standard(models, Settings.DEFAULT.limits(), new io.rgbunmix.inputs.RasterInputs(null, false));
        jobs = new JobManager(temp.resolve("work"), JobLimits.DEFAULT, Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        jobs.close();
        models.close();
    }

    private static Map<String, List<InputValue>> literals(String... pairs) {
        Map<String, List<InputValue>> inputs = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            inputs.put(pairs[i], List.of(new InputValue.Literal(pairs[i + 1])));
        }
        return inputs;
    }

    private Process<?> estimate() {
        return registry.byWpsIdentifier("unmix:EstimateAbundances").orElseThrow();
    }

    private InputException invalid(Process<?> process, Map<String, List<InputValue>> inputs) {
        return assertThrows(InputException.class, () -> process.check(ProcessInputs.validate(process.description(), inputs)));
    }

    @Test
    void inputsAreCheckedAgainstTheDescriptionWithTheInputNamed() throws Exception {
        Process<?> estimate = estimate();
        InputException missing = invalid(estimate, literals("ancillaryValues", TestData.ANCILLARY_TEXT));
        assertEquals(InputException.MISSING, missing.code());
        assertEquals("raster", missing.locator());

        Map<String, List<InputValue>> inputs = literals("ancillaryValues", TestData.ANCILLARY_TEXT, "stride", "0");
        inputs.put("raster", List.of(new InputValue.Complex("image/tiff", temp.resolve("r.tif"))));
        InputException stride = invalid(estimate, inputs);
        assertEquals("stride", stride.locator());
        assertEquals("input 'stride' must be between 1 and 224, got 0", stride.getMessage());

        inputs.put("stride", List.of(new InputValue.Literal("112")));
        inputs.put("level", List.of(new InputValue.Literal("N3")));
        assertEquals("input 'level' must be one of N1, N2, got 'N3'", invalid(estimate, inputs).getMessage());

        inputs.put("level", List.of(new InputValue.Literal("n2")));
        ProcessInputs valid = ProcessInputs.validate(estimate.description(), inputs);
        assertEquals("N2", valid.text("level").orElseThrow(), "allowed values are matched case-insensitively");
        assertEquals("1,2,3", valid.text("bands").orElseThrow(), "defaults apply");
        assertEquals(1.0, valid.number("minValidFraction"));

        inputs.put("bands", List.of(new InputValue.Literal("3,2")));
        assertEquals("bands", invalid(estimate, inputs).locator());
        inputs.remove("bands");
        inputs.put("raster", List.of(new InputValue.Complex("image/png", temp.resolve("r.png"))));
        assertEquals("input 'raster' does not take image/png; use one of image/tiff, image/jp2, "
                + "application/zip, application/geo+json", invalid(estimate, inputs).getMessage());
        inputs.put("raster", List.of(new InputValue.Literal("x")));
        assertTrue(invalid(estimate, inputs).getMessage().contains("takes a complex value"));
        inputs.put("colour", List.of(new InputValue.Literal("x")));
        assertEquals("colour", invalid(estimate, inputs).locator());
    }

    @Test
    void everyAncillaryVariableNeedsAValueARasterOrFeatures() throws Exception {
        Map<String, List<InputValue>> inputs = literals();
        inputs.put("raster", List.of(new InputValue.Complex("image/tiff", temp.resolve("r.tif"))));
        InputException none = invalid(estimate(), inputs);
        assertEquals(InputException.MISSING, none.code());
        assertEquals("ancillary", none.locator());
        inputs.put("ancillaryValues", List.of(new InputValue.Literal("slope=3")));
        InputException some = invalid(estimate(), inputs);
        assertEquals("ancillary", some.locator());
        assertTrue(some.getMessage().contains("no value, raster or features for evapotranspiration, precipitation, "
                + "elevation, temp_ave, temp_max, temp_min"), some.getMessage());
        inputs.put("dem", List.of(new InputValue.Complex("image/tiff", temp.resolve("dem.tif"))));
        assertTrue(invalid(estimate(), inputs).getMessage().contains("for evapotranspiration, precipitation, temp_ave, "
                + "temp_max, temp_min:"), "the DEM gives elevation and slope");
        inputs.put("ancillaryValues", List.of(new InputValue.Literal("slop=3")));
        assertEquals("ancillaryValues", invalid(estimate(), inputs).locator());
    }

    @Test
    void requestedOutputsDefaultToAllAndRefuseUnknownFormats() throws Exception {
        Process<?> estimate = estimate();
        assertEquals(List.of(new OutputRequest("result", "application/json"),
                new OutputRequest("abundanceRaster", "image/tiff")), estimate.outputs(List.of()));
        assertEquals(List.of(new OutputRequest("result", "text/csv")),
                estimate.outputs(List.of(new OutputRequest("result", "TEXT/CSV"))));
        assertEquals("output 'result' cannot be given as image/png; use one of application/json, "
                        + "text/xml; subtype=wfs-collection/1.0, text/xml; subtype=wfs-collection/1.1, text/csv",
                assertThrows(InputException.class, () -> estimate.outputs(List.of(new OutputRequest("result", "image/png"))))
                        .getMessage());
        assertEquals("nothing", assertThrows(InputException.class,
                () -> estimate.outputs(List.of(new OutputRequest("nothing", null)))).locator());
    }

    @Test
    void estimateAbundancesRunsAsAJobAndWritesTheRequestedOutputs() throws Exception {
        Path raster = temp.resolve("in.tif");
        SyntheticRaster.write(raster, TestData.utm(3 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 90);
        Process<?> estimate = estimate();
        Map<String, List<InputValue>> given = literals("ancillaryValues", TestData.ANCILLARY_TEXT, "level", "N2");
        given.put("raster", List.of(new InputValue.Complex("image/tiff", raster)));
        ProcessInputs inputs = ProcessInputs.validate(estimate.description(), given);
        JobStatus status = jobs.execute(estimate.description().id(),
                Process.work(estimate, inputs, estimate.outputs(List.of())));
        assertEquals(JobState.SUCCEEDED, status.state(), status.message());
        assertEquals(List.of("result.geojson", "abundanceRaster.tif"), status.results());
        JsonNode geojson = new ObjectMapper().readTree(jobs.result(status.id(), "result.geojson").orElseThrow().toFile());
        assertEquals(3, geojson.get("features").size());
        double[] expected = TestData.abundance(Level.N2, 90, 90, 90, TestData.ANCILLARY);
        assertEquals(expected[7] * 100, geojson.get("features").get(1).get("properties").get("forests").asDouble(), 2e-4);
        try (GeoRaster tif = GeoRaster.open(jobs.result(status.id(), "abundanceRaster.tif").orElseThrow())) {
            assertEquals(10, tif.bandCount());
            assertEquals(3, tif.geometry().width());
        }
    }

    @Test
    void engineFailuresEndTheJobWithTheEnginesMessage() throws Exception {
        Path coarse = temp.resolve("coarse.tif");
        SyntheticRaster.write(coarse, TestData.utm(300, 300, 300000, 4200000, 30), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 90);
        Process<?> estimate = estimate();
        Map<String, List<InputValue>> given = literals("ancillaryValues", TestData.ANCILLARY_TEXT);
        given.put("raster", List.of(new InputValue.Complex("image/tiff", coarse)));
        ProcessInputs inputs = ProcessInputs.validate(estimate.description(), given);
        JobStatus status = jobs.execute("estimate-abundances", Process.work(estimate, inputs, estimate.outputs(List.of())));
        assertEquals(JobState.FAILED, status.state());
        // named by its input, never by the file it was staged in; the client's fault, not the server's
        assertTrue(status.message().startsWith("raster: pixel size is 30.0"), status.message());
        assertEquals(new io.rgbunmix.jobs.JobFault("InvalidParameterValue", "raster"), status.fault());
    }

    @Test
    void echoAnswersItsMessageAndLengthAndCanBeDismissedDuringItsPause() throws Exception {
        Process<?> echo = registry.byId("echo").orElseThrow();
        ProcessInputs inputs = ProcessInputs.validate(echo.description(), literals("message", "¡hola!"));
        JobStatus done = jobs.execute("echo", Process.work(echo, inputs, echo.outputs(List.of())));
        assertEquals(List.of("echo.txt", "length.txt", "echoedDocument.txt"), done.results());
        assertEquals("¡hola!", Files.readString(jobs.result(done.id(), "echo.txt").orElseThrow()));
        assertEquals("6", Files.readString(jobs.result(done.id(), "length.txt").orElseThrow()));

        ProcessInputs slow = ProcessInputs.validate(echo.description(), literals("message", "x", "pause", "30"));
        JobStatus accepted = jobs.submit("echo", Process.work(echo, slow, echo.outputs(List.of())));
        JobStatus running = accepted;
        for (int i = 0; i < 200 && running.percent() == 0; i++) {
            Thread.sleep(20);
            running = jobs.status(accepted.id()).orElseThrow();
        }
        assertTrue(running.percent() > 0, "progress is reported during the pause");
        assertEquals(JobState.DISMISSED, jobs.dismiss(accepted.id()).orElseThrow().state());
        assertTrue(jobs.status(accepted.id()).isEmpty());
        assertTrue(jobs.await(accepted.id(), Duration.ofSeconds(5)).isEmpty());
    }
}
