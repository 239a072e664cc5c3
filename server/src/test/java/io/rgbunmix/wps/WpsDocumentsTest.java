package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.processes.ProcessDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

class WpsDocumentsTest {
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path temp;

    private final ModelStore models = TestData.store();
    private final ProcessRegistry registry = ProcessRegistry.standard(models, Settings.DEFAULT.limits(), new io.rgbunmix.inputs.RasterInputs(null, false));

    private ProcessDescription estimate() {
        return registry.byId("estimate-abundances").orElseThrow().description();
    }

    @Test
    void capabilitiesAndDescriptionsValidate() throws Exception {
        byte[] capabilities = WpsDocuments.capabilities(registry, "http://localhost:8080/wps");
        WpsSchemas.validate(capabilities);
        assertTrue(new String(capabilities, StandardCharsets.UTF_8).contains("unmix:EstimateAbundances"));
        byte[] descriptions = WpsDocuments.processDescriptions(
                registry.processes().stream().map(p -> p.description()).toList(), 200);
        WpsSchemas.validate(descriptions);
        String text = new String(descriptions, StandardCharsets.UTF_8);
        assertTrue(text.contains("<ows:Value>N1</ows:Value><ows:Value>N2</ows:Value></ows:AllowedValues>"
                + "<DefaultValue>N1</DefaultValue>"), text);
        assertTrue(text.contains("<ows:Range><ows:MinimumValue>1</ows:MinimumValue><ows:MaximumValue>224"), text);
    }

    @Test
    void executeResponsesValidateInEveryState() throws Exception {
        JobStatus accepted = new JobStatus("7d6f3a62-8a52-4f06-bc1e-6e3f0c1e2a10", "estimate-abundances",
                JobState.ACCEPTED, 0, "accepted", T, null, null, List.of());
        String service = "http://localhost:8080/wps";
        WpsSchemas.validate(WpsDocuments.executeResponse(estimate(), accepted, service, service + "?x=1", List.of()));
        JobStatus running = new JobStatus(accepted.id(), accepted.process(), JobState.RUNNING, 40, "4 of 10 done", T, T,
                null, List.of());
        WpsSchemas.validate(WpsDocuments.executeResponse(estimate(), running, service, null, List.of()));
        JobStatus failed = new JobStatus(accepted.id(), accepted.process(), JobState.FAILED, 40, "raster: bad", T, T,
                T, List.of());
        WpsSchemas.validate(WpsDocuments.executeResponse(estimate(), failed, service, null, List.of()));

        Path json = Files.writeString(temp.resolve("result.geojson"), "{\"type\": \"FeatureCollection\", \"features\": []}");
        Path tif = Files.write(temp.resolve("abundanceRaster.tif"), new byte[] {73, 73, 42, 0});
        JobStatus succeeded = new JobStatus(accepted.id(), accepted.process(), JobState.SUCCEEDED, 100, "succeeded", T,
                T, T, List.of("result.geojson", "abundanceRaster.tif"));
        byte[] inline = WpsDocuments.executeResponse(estimate(), succeeded, service, null, List.of(
                new WpsDocuments.OutputData("result", "Abundances", "application/json", false, json, null),
                new WpsDocuments.OutputData("abundanceRaster", "Raster", "image/tiff", false, tif, null),
                new WpsDocuments.OutputData("length", "Length", "text/plain", true,
                        Files.writeString(temp.resolve("length.txt"), "5"), null),
                new WpsDocuments.OutputData("ref", "Ref", "image/tiff", false, tif, service + "?r=1")));
        WpsSchemas.validate(inline);
        String text = new String(inline, StandardCharsets.UTF_8);
        assertTrue(text.contains("<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">SUkqAA==</wps:ComplexData>"), text);
        assertTrue(text.contains("<![CDATA[{\"type\": \"FeatureCollection\""), text);
    }

    @Test
    void exceptionReportsValidateAndTheValidatorIsNotLenient() throws Exception {
        WpsSchemas.validate(WpsDocuments.exceptionReport("InvalidParameterValue", "stride", "bad stride"));
        byte[] wrong = ("<ows:ExceptionReport xmlns:ows=\"http://www.opengis.net/ows/1.1\" version=\"1.1.0\">"
                + "<ows:Exception/></ows:ExceptionReport>").getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> WpsSchemas.validate(wrong), "exceptionCode is required");
    }
}
