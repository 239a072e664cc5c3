package io.rgbunmix.ogcapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.TestServer;
import java.awt.image.DataBuffer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Callbacks (OGC API - Processes, /conf/callback): a subscriber on this machine is POSTed the job's statusInfo when
 * it runs, its results when it succeeds and its statusInfo when it fails; a subscriber the reference rules refuse is
 * a 400 before any job; a subscriber that is down is tried again.
 */
class CallbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    private HttpServer receiver;
    private String receiverBase;
    private TestServer server;
    /** What the receiver was sent: the path, then the body. */
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();
    /** Paths that answer 503 this many more times before 200. */
    private final Map<String, AtomicInteger> failing = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {exchange.getRequestMethod() + " " + path, body,
                    exchange.getRequestHeaders().getFirst("Content-Type")});
            AtomicInteger left = failing.get(path);
            exchange.sendResponseHeaders(left != null && left.getAndDecrement() > 0 ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
        receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
        server = TestServer.start(temp.resolve("work"), 20L << 20, null, 50L,
                new Settings.References(List.of(receiverBase + "/"), 1L << 20, 10L));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        receiver.stop(0);
    }

    private HttpResponse<String> post(String path, String body, boolean async) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (async) {
            request.header("Prefer", "respond-async");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String[] next() throws InterruptedException {
        String[] request = received.poll(20, TimeUnit.SECONDS);
        assertNotNull(request, "a callback within 20 s");
        return request;
    }

    private String subscriber() {
        return "\"subscriber\": {\"successUri\": \"" + receiverBase + "/success\", \"inProgressUri\": \"" + receiverBase
                + "/progress\", \"failedUri\": \"" + receiverBase + "/failed\"}";
    }

    @Test
    void anAsynchronousJobPostsItsRunningThenItsResults() throws Exception {
        HttpResponse<String> accepted = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"hola\", "
                + "\"pause\": 1}, " + subscriber() + "}", true);
        assertEquals(201, accepted.statusCode(), accepted.body());
        String job = JSON.readTree(accepted.body()).get("jobID").asText();
        String[] running = next();
        assertEquals("POST /progress", running[0]);
        assertEquals("application/json", running[2]);
        JsonNode status = JSON.readTree(running[1]);
        assertEquals(job, status.get("jobID").asText());
        assertEquals("running", status.get("status").asText());
        String[] success = next();
        assertEquals("POST /success", success[0]);
        assertEquals(JSON.readTree("{\"echo\": \"hola\", \"length\": 4, \"echoedDocument\": {\"value\": \"\", \"mediaType\": \"text/plain\"}}"), JSON.readTree(success[1]),
                "the results document, as GET /jobs/{id}/results gives it");
        assertNull(received.poll(1, TimeUnit.SECONDS), "nothing to the failure address");
    }

    @Test
    void aFailedJobPostsItsStatusToTheFailureAddress() throws Exception {
        Path coarse = temp.resolve("coarse.tif");
        SyntheticRaster.write(coarse, TestData.utm(300, 300, 300000, 4200000, 30), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 90);
        HttpResponse<String> refused = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": "
                + "{\"value\": \"" + Base64.getEncoder().encodeToString(Files.readAllBytes(coarse)) + "\", \"mediaType\": "
                + "\"image/tiff\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}, " + subscriber() + "}", false);
        assertEquals(400, refused.statusCode(), "refused as it ran, 30 m pixels: " + refused.body());
        String[] failed = next();
        assertEquals("POST /failed", failed[0]);
        JsonNode status = JSON.readTree(failed[1]);
        assertEquals("failed", status.get("status").asText());
        assertTrue(status.get("message").asText().contains("pixel size"), failed[1]);
    }

    @Test
    void aSubscriberTheRulesRefuseIsRefusedBeforeAnyJob() throws Exception {
        int jobsBefore = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs?limit=1000"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("jobs").size();
        HttpResponse<String> refused = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\"}, "
                + "\"subscriber\": {\"successUri\": \"http://192.0.2.1/hook\"}}", true);
        assertEquals(400, refused.statusCode(), refused.body());
        JsonNode problem = JSON.readTree(refused.body());
        assertTrue(problem.get("type").asText().endsWith("invalid-parameter-value"), refused.body());
        assertTrue(problem.get("detail").asText().contains("subscriber"), refused.body());
        assertTrue(problem.get("detail").asText().contains("192.0.2.1"), refused.body());
        assertEquals(jobsBefore, JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                + "/jobs?limit=1000")).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("jobs").size(), "no job was made");
        assertEquals(400, post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\"}, \"subscriber\": {}}",
                true).statusCode(), "a subscriber with no address");
        assertNull(received.poll(1, TimeUnit.SECONDS), "nothing was sent");
    }

    @Test
    void aSubscriberThatIsDownIsTriedAgain() throws Exception {
        failing.put("/success", new AtomicInteger(1));
        HttpResponse<String> done = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"again\"}, "
                + "\"subscriber\": {\"successUri\": \"" + receiverBase + "/success\"}}", false);
        assertEquals(200, done.statusCode(), done.body());
        String[] first = next();
        String[] second = next();
        assertEquals("POST /success", first[0]);
        assertEquals(first[0], second[0], "tried again after its 503");
        assertEquals(first[1], second[1]);
        assertEquals("again", JSON.readTree(second[1]).get("echo").asText());
    }
}
