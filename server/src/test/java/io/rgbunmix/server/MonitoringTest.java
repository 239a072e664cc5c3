package io.rgbunmix.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /health, /ready and /metrics of a running server, before and after a job. */
class MonitoringTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(temp.resolve("work"), 4L << 20, null, 50L, null);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(metrics);
        assertTrue(line.find(), series + " in:\n" + metrics);
        return Double.parseDouble(line.group(1));
    }

    @Test
    void healthAndReadinessAnswerInJson() throws Exception {
        HttpResponse<String> health = get("/health");
        assertEquals(200, health.statusCode());
        assertEquals("up", JSON.readTree(health.body()).path("status").asText());
        HttpResponse<String> ready = get("/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonNode checks = JSON.readTree(ready.body()).path("checks");
        assertTrue(checks.path("models").asText().matches("N1: \\S+, N2: \\S+"), ready.body());
        assertEquals("writable", checks.path("workFolder").asText());
        assertEquals("readable", checks.path("jobStore").asText());
    }

    @Test
    void aWorkFolderThatCannotBeWrittenMakesTheServerNotReady() throws Exception {
        Path work = temp.resolve("work");
        Path moved = Files.move(work, temp.resolve("moved"));
        Files.writeString(work, "not a folder");
        try {
            HttpResponse<String> ready = get("/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"workFolder\":\"not writable\""), ready.body());
            assertEquals(200, get("/health").statusCode(), "alive all the same");
        } finally {
            Files.delete(work);
            Files.move(moved, work);
        }
    }

    @Test
    void metricsCountJobsWindowsAndInferenceTimeInPrometheusText() throws Exception {
        Path tiff = temp.resolve("scene.tif");
        SyntheticRaster.write(tiff, TestData.utm(448, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> 90);
        String body = "{\"inputs\": {\"raster\": {\"value\": \"" + Base64.getEncoder().encodeToString(Files.readAllBytes(tiff))
                + "\", \"mediaType\": \"image/tiff\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}";
        String before = get("/metrics").body();
        assertEquals(0, sample(before, "rgbunmix_jobs{state=\"succeeded\"}"));
        HttpResponse<String> run = HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/processes/estimate-abundances/execution")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, run.statusCode(), run.body());
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String text = metrics.body();
        assertEquals(1, sample(text, "rgbunmix_jobs{state=\"succeeded\"}"));
        assertEquals(0, sample(text, "rgbunmix_jobs_queued"));
        assertEquals(2, sample(text, "rgbunmix_windows_processed_total"), "the raster's two windows");
        assertTrue(sample(text, "rgbunmix_inference_batch_seconds_count{level=\"N1\"}") >= 1);
        assertTrue(text.contains("rgbunmix_inference_batch_seconds_bucket{level=\"N1\",le="), "a histogram");
        assertTrue(text.contains("jvm_memory_used_bytes{"), "the JVM's own");
        assertEquals(0, sample(text, "rgbunmix_references_received_bytes_total"));
    }
}
