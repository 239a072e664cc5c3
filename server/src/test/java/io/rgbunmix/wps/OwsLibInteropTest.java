package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
import java.awt.image.DataBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real client: OWSLib (Debian's python3-owslib, which .ci/run installs) against a server started on a
 * free port. A missing OWSLib fails this test: it is never skipped.
 */
class OwsLibInteropTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path CLIENT = Path.of("server/src/test/python/owslib_wps_client.py");

    @TempDir
    Path temp;

    @Test
    void owsLibDescribesExecutesAndMonitorsLikeAUser() throws Exception {
        Path raster = temp.resolve("in.tif");
        SyntheticRaster.write(raster, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 60 + x / 224 * 100);
        try (ModelStore models = TestData.store();
             RgbunmixServer server = new RgbunmixServer(TestServers.settings(Settings.DEFAULT.jobs(), ""), temp.resolve("work"), models)) {
            int port = server.start();
            Process client = new ProcessBuilder(PYTHON.toString(), CLIENT.toString(),
                    "http://127.0.0.1:" + port + "/wps", raster.toString(), TestData.ANCILLARY_TEXT)
                    .redirectErrorStream(false).start();
            assertTrue(client.waitFor(120, TimeUnit.SECONDS), "OWSLib client finished");
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), "OWSLib client failed (is python3-owslib installed?):\n" + err);
            JsonNode report = new ObjectMapper().readTree(out);

            assertEquals("[\"unmix:Echo\",\"unmix:EstimateAbundances\",\"unmix:EstimateAbundancesBatch\",\"unmix:"
                    + "EstimateChange\"]",
                    report.get("processes").toString());
            assertEquals("N1", report.get("level_default").asText());
            assertEquals("[\"N1\",\"N2\"]", report.get("level_allowed").toString());
            assertEquals("[\"image/tiff\",\"image/jp2\",\"application/zip\",\"application/geo+json\"]",
                    report.get("raster_formats").toString());
            assertEquals("[\"abundanceRaster\",\"result\"]", report.get("outputs").toString());

            assertEquals("ProcessSucceeded", report.get("sync_status").asText());
            JsonNode features = report.get("sync_features");
            assertEquals(2, features.size());
            for (int col = 0; col < 2; col++) {
                double grey = 60 + col * 100;
                double[] expected = TestData.abundance(Level.N2, grey, grey, grey, TestData.ANCILLARY);
                assertEquals(col, features.get(col).get("col").asInt());
                assertEquals(expected[1] * 100, features.get(col).get("annual_croplands").asDouble(), 2e-4);
                assertEquals(expected[9] * 100, features.get(col).get("wetlands").asDouble(), 2e-4);
            }

            String first = report.get("async_accepted").asText();
            assertTrue(first.equals("ProcessAccepted") || first.equals("ProcessStarted"),
                    "the asynchronous answer came before the 1 s pause ended: " + first);
            assertTrue(report.get("async_status_location").asText().contains("request=GetExecutionStatus"));
            assertEquals("ProcessSucceeded", report.get("async_status").asText());
            assertEquals("hola desde OWSLib", report.get("async_echo").asText());
            assertEquals("17", report.get("async_length").asText());
            // asReference decides in asynchronous runs too: echo was asked by reference, length inline
            assertTrue(report.get("async_echo_by_reference").asBoolean());
            assertTrue(!report.get("async_length_by_reference").asBoolean());
        }
    }
}
