package io.rgbunmix.ogcapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
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

/** A Python client (OWSLib for discovery, the standard library for execution) against a live server. */
class OgcApiInteropTest {
    @TempDir
    Path temp;

    @Test
    void pythonClientDiscoversExecutesAndFollowsAJob() throws Exception {
        Path raster = temp.resolve("in.tif");
        SyntheticRaster.write(raster, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 70 + x / 224 * 90);
        try (ModelStore models = TestData.store();
             RgbunmixServer server = new RgbunmixServer(OgcApiTest.settings("", null), temp.resolve("work"), models)) {
            String base = "http://127.0.0.1:" + server.start();
            Process client = new ProcessBuilder("/usr/bin/python3", "server/src/test/python/ogcapi_client.py", base,
                    raster.toString(), TestData.ANCILLARY_TEXT).start();
            assertTrue(client.waitFor(120, TimeUnit.SECONDS));
            String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), "the Python client failed (is python3-owslib installed?):\n" + err);
            JsonNode report = new ObjectMapper().readTree(out);
            assertTrue(report.get("conforms").toString().contains("/conf/job-list"));
            assertEquals("[\"echo\",\"estimate-abundances\",\"estimate-abundances-batch\",\"estimate-change\"]",
                    report.get("processes").toString());
            assertEquals("{\"type\":\"string\",\"enum\":[\"N1\",\"N2\"],\"default\":\"N1\"}",
                    report.get("level_schema").toString());
            assertEquals("{\"type\":\"integer\",\"minimum\":1,\"maximum\":224,\"default\":224}",
                    report.get("stride_schema").toString());
            assertEquals("3.0.3", report.get("openapi").asText());
            assertEquals(200, report.get("sync_status").asInt());
            for (int col = 0; col < 2; col++) {
                double grey = 70 + col * 90;
                double[] expected = TestData.abundance(Level.N2, grey, grey, grey, TestData.ANCILLARY);
                assertEquals(expected[7] * 100, report.get("sync_features").get(col).get("forests").asDouble(), 2e-4);
            }
            assertEquals(201, report.get("async_status").asInt());
            assertEquals("successful", report.get("async_final").asText());
            assertEquals("hola desde Python", report.get("async_results").get("echo").asText());
            assertEquals(17, report.get("async_results").get("length").asInt());
        }
    }
}
