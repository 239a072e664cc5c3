package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.ProcessDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/** Every WPS 2.0 document the server writes, validated against the official WPS 2.0 and OWS 2.0 schemas. */
class Wps2DocumentsTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ID = "7d6f3a62-8a52-4f06-bc1e-6e3f0c1e2a10";

    @TempDir
    Path temp;

    private final ModelStore models = TestData.store();
    private final ProcessRegistry registry = ProcessRegistry.standard(models, Settings.DEFAULT.limits(),
            new RasterInputs(null, false));

    private List<ProcessDescription> processes() {
        return registry.processes().stream().map(Process::description).toList();
    }

    private static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }

    @Test
    void capabilitiesAndProcessOfferingsOfEveryProcessValidate() throws Exception {
        byte[] capabilities = Wps2Documents.capabilities(processes(), "http://localhost:8080/wps");
        Wps2Schemas.validate(capabilities);
        assertTrue(text(capabilities).contains("<ows:Identifier>unmix:EstimateAbundances</ows:Identifier>"));
        byte[] offerings = Wps2Documents.processOfferings(processes(), 200);
        Wps2Schemas.validate(offerings);
        String text = text(offerings);
        assertTrue(text.contains("<ows:AllowedValues><ows:Value>N1</ows:Value><ows:Value>N2</ows:Value>"
                + "</ows:AllowedValues>"), text);
        assertTrue(text.contains("<ows:DefaultValue>N1</ows:DefaultValue>"), text);
        assertTrue(text.contains("<wps:Format mimeType=\"image/tiff\" maximumMegabytes=\"200\" default=\"true\"/>"), text);
    }

    @Test
    void statusInfoValidatesInEveryState() throws Exception {
        for (JobState state : JobState.values()) {
            boolean ended = state.isFinal();
            JobStatus job = new JobStatus(ID, "echo", state, 40, "m", T, T, ended ? T : null, List.of());
            byte[] status = Wps2Documents.statusInfo(job, ended ? T.plusSeconds(3600) : null,
                    ended ? null : T.plusSeconds(2));
            Wps2Schemas.validate(status);
            assertTrue(text(status).contains("<wps:Status>" + Wps2Documents.status(job) + "</wps:Status>"));
            assertEquals(state == JobState.RUNNING, text(status).contains("<wps:PercentCompleted>40<"));
        }
    }

    @Test
    void resultValidatesWithLiteralTextBinaryAndReferencedOutputs() throws Exception {
        Path json = Files.writeString(temp.resolve("result.geojson"), "{\"type\": \"FeatureCollection\", \"features\": []}");
        Path tif = Files.write(temp.resolve("abundanceRaster.tif"), new byte[] {73, 73, 42, 0});
        byte[] result = Wps2Documents.result(ID, T, List.of(
                new WpsDocuments.OutputData("result", "Abundances", "application/json", false, json, null),
                new WpsDocuments.OutputData("abundanceRaster", "Raster", "image/tiff", false, tif, null),
                new WpsDocuments.OutputData("length", "Length", "text/plain", true,
                        Files.writeString(temp.resolve("length.txt"), "5"), null),
                new WpsDocuments.OutputData("ref", "Ref", "image/tiff", false, tif, "http://localhost/wps?r=1")));
        Wps2Schemas.validate(result);
        String text = text(result);
        assertTrue(text.contains("<wps:Data mimeType=\"image/tiff\" encoding=\"base64\">SUkqAA==</wps:Data>"), text);
        assertTrue(text.contains("<wps:Data mimeType=\"text/plain\"><wps:LiteralValue>5</wps:LiteralValue>"), text);
        assertTrue(text.contains("<wps:Reference xlink:href=\"http://localhost/wps?r=1\" mimeType=\"image/tiff\"/>"), text);
    }

    @Test
    void exceptionReportsValidateAndTheValidatorIsNotLenient() throws Exception {
        Wps2Schemas.validate(Wps2Documents.exceptionReport("NoSuchJob", "JobID", "no job \u0000 here"));
        // the same document in the WPS 1.0.0 / OWS 1.1 namespace is not a WPS 2.0 document
        assertThrows(SAXException.class, () -> Wps2Schemas.validate(WpsDocuments.exceptionReport("NoSuchJob", "JobID",
                "x")));
        byte[] wrongOrder = text(Wps2Documents.capabilities(processes(), "http://h/wps"))
                .replace("<ows:ServiceType>WPS</ows:ServiceType>", "").getBytes(StandardCharsets.UTF_8);
        assertThrows(SAXException.class, () -> Wps2Schemas.validate(wrongOrder));
    }

    @Test
    void refusalsTakeWps2CodesNamingTheInputOrOutput() {
        ProcessDescription estimate = registry.byId("estimate-abundances").orElseThrow().description();
        assertEquals("WrongInputData", Wps2Service.code("InvalidParameterValue", "stride", estimate, Set.of(), Set.of()));
        assertEquals("NoSuchInput", Wps2Service.code("InvalidParameterValue", "strde", estimate, Set.of("strde"),
                Set.of()));
        assertEquals("NoSuchOutput", Wps2Service.code("InvalidParameterValue", "reslt", estimate, Set.of(),
                Set.of("reslt")));
        assertEquals("NoSuchFormat", Wps2Service.code("InvalidParameterValue", "result", estimate, Set.of(),
                Set.of("result")));
        assertEquals("MissingParameterValue", Wps2Service.code("MissingParameterValue", "raster", estimate, Set.of(),
                Set.of()));
    }
}
