package io.rgbunmix.ogcapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.TestServer;
import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OGC API - Processes' job list filtered as its job-list class defines it: by type, processID, status, datetime and
 * duration, each alone and combined, lists comma-separated or repeated, with paging links that keep the filters,
 * and a value that is none of these refused as a problem naming the parameter.
 */
class JobListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    static TestServer server;
    /** Ids of two successful echoes, a failed estimate-abundances and a running echo, in that order. */
    static String echoA;
    static String echoB;
    static String failed;
    static String running;
    /** A time after the first echo was created and before the second was. */
    static Instant between;

    @BeforeAll
    static void jobsOfEveryKind() throws Exception {
        server = TestServer.start(temp.resolve("work"), 20L << 20, null, 50L, null);
        echoA = location(post("/processes/echo/execution", "{\"inputs\": {\"message\": \"a\"}}", false));
        Thread.sleep(20);
        between = Instant.now();
        Thread.sleep(20);
        echoB = location(post("/processes/echo/execution", "{\"inputs\": {\"message\": \"b\"}}", false));
        // 30 m pixels: accepted, then refused by the engine as it runs (a failed job, the client's fault)
        Path coarse = temp.resolve("coarse.tif");
        SyntheticRaster.write(coarse, TestData.utm(300, 300, 300000, 4200000, 30), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 90);
        HttpResponse<String> refused = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": "
                + "{\"value\": \"" + Base64.getEncoder().encodeToString(Files.readAllBytes(coarse)) + "\", \"mediaType\": "
                + "\"image/tiff\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}", false);
        assertEquals(400, refused.statusCode(), refused.body());
        failed = location(refused);
        running = location(post("/processes/echo/execution", "{\"inputs\": {\"message\": \"c\", \"pause\": 60}}", true));
        for (int i = 0; i < 200 && !get("/jobs/" + running).get("status").asText().equals("running"); i++) {
            Thread.sleep(20);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + running)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        server.close();
    }

    private static HttpResponse<String> post(String path, String body, boolean async) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (async) {
            request.header("Prefer", "respond-async");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<String> reply) {
        String location = reply.headers().firstValue("Location").orElseThrow(() -> new AssertionError(reply.body()));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : server.base() + path)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), path + ": " + reply.body());
        return JSON.readTree(reply.body());
    }

    /** The ids the job list gives for {@code query}, newest first. */
    private static List<String> ids(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        get("/jobs?" + query).get("jobs").forEach(job -> ids.add(job.get("jobID").asText()));
        return ids;
    }

    @Test
    void eachFilterAloneKeepsItsJobs() throws Exception {
        assertEquals(List.of(running, failed, echoB, echoA), ids("limit=100"), "unfiltered, newest first");
        assertEquals(List.of(echoB, echoA), ids("status=successful"));
        assertEquals(List.of(failed), ids("status=failed"));
        assertEquals(List.of(running), ids("status=running"));
        assertEquals(List.of(failed), ids("processID=estimate-abundances"));
        assertEquals(List.of(running, echoB, echoA), ids("processID=echo"));
        assertEquals(List.of(running, failed, echoB), ids("datetime=" + encode(between + "/..")));
        assertEquals(List.of(echoA), ids("datetime=" + encode("../" + between)));
        assertEquals(List.of(), ids("datetime=" + encode("2020-01-01T00:00:00Z/2020-12-31T00:00:00Z")));
        assertEquals(List.of(), ids("minDuration=50"), "none has run 50 s yet");
        assertEquals(List.of(running, failed, echoB, echoA), ids("maxDuration=50"));
        assertEquals(List.of(running, failed, echoB, echoA), ids("type=process"));
        assertEquals(List.of(), ids("type=openeo"), "this server's jobs are all of OGC processes");
    }

    @Test
    void filtersCombineAndListsAreCommaSeparatedOrRepeated() throws Exception {
        assertEquals(List.of(failed, echoB, echoA), ids("status=successful,failed"));
        assertEquals(List.of(failed, echoB, echoA), ids("status=successful&status=failed"));
        assertEquals(List.of(running), ids("processID=echo&status=running,failed"));
        assertEquals(List.of(echoB), ids("processID=echo,nothing&status=successful&datetime=" + encode(between + "/..")));
        assertEquals(List.of(running, failed, echoB, echoA), ids("processID=echo&processID=estimate-abundances"));
    }

    @Test
    void pagingLinksKeepTheFilters() throws Exception {
        JsonNode first = get("/jobs?limit=1&status=successful");
        assertEquals(echoB, first.get("jobs").get(0).get("jobID").asText());
        String next = null;
        for (JsonNode link : first.get("links")) {
            if (link.get("rel").asText().equals("next")) {
                next = link.get("href").asText();
            }
        }
        assertTrue(next != null && next.contains("status=successful"), String.valueOf(next));
        JsonNode second = get(next);
        assertEquals(echoA, second.get("jobs").get(0).get("jobID").asText());
        for (JsonNode link : second.get("links")) {
            assertTrue(!link.get("rel").asText().equals("next"), "two successful jobs: no third page");
        }
    }

    @Test
    void aValueThatIsNoneOfTheseIsAProblemNamingItsParameter() throws Exception {
        for (String query : List.of("status=done", "minDuration=-1", "maxDuration=soon", "datetime=yesterday",
                "datetime=" + encode("2026-01-01T00:00:00Z/2026-02-01T00:00:00Z/2026-03-01T00:00:00Z"))) {
            HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs?" + query))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, reply.statusCode(), query);
            JsonNode problem = JSON.readTree(reply.body());
            assertTrue(problem.get("type").asText().endsWith("invalid-parameter-value"), reply.body());
            assertTrue(problem.get("detail").asText().startsWith(query.substring(0, query.indexOf('='))), reply.body());
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
