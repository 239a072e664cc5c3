package io.rgbunmix.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A graceful stop: new requests answered 503 at once, on each interface in its own words, while a running
 * synchronous execution ends within the grace period; and `rgbunmix serve` doing it on SIGTERM.
 */
class GracefulStopTest {
    @TempDir
    Path temp;
    private final HttpClient http = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> echo(String base, double pause) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/processes/echo/execution"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hola\", \"pause\": " + pause + "}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits until the server runs a job, or has run one on a machine so slow that it ended between two looks
     * ({@code /metrics}): a request sent but not yet handled when the stop begins is not a running one, and a fixed
     * pause was not always enough for a server just started on a busy machine.
     */
    private void awaitRunning(String base) throws Exception {
        String metrics = "";
        for (int i = 0; i < 600; i++) {
            metrics = get(base + "/metrics").body();
            if (jobs(metrics, "running") + jobs(metrics, "succeeded") > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no job running after 30 s:\n" + metrics);
    }

    private static double jobs(String metrics, String state) {
        Matcher line = Pattern.compile("(?m)^rgbunmix_jobs\\{state=\"" + state + "\"\\} ([0-9.]+)$").matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    /** Asks {@code url} until it is refused with 503: the stop begins on a thread of its own, a moment later. */
    private HttpResponse<String> awaitRefused(String url) throws Exception {
        HttpResponse<String> response = get(url);
        for (int i = 0; i < 600 && response.statusCode() != 503; i++) {
            Thread.sleep(50);
            response = get(url);
        }
        return response;
    }

    @Test
    void whileDrainingNewRequestsGet503AndTheRunningOneEnds() throws Exception {
        try (TestServer server = TestServer.start(temp.resolve("work"), 1L << 20, null, 50L, null)) {
            CompletableFuture<HttpResponse<String>> running = echo(server.base(), 2);
            awaitRunning(server.base());
            CompletableFuture<Integer> drained = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.drain(Duration.ofSeconds(20));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            HttpResponse<String> ready = awaitRefused(server.base() + "/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("the server is stopping"), ready.body());
            HttpResponse<String> wps = get(server.base() + "/wps?service=WPS&request=GetCapabilities");
            assertEquals(503, wps.statusCode());
            assertTrue(wps.body().contains("ExceptionReport") && wps.body().contains("the server is stopping"), wps.body());
            assertEquals("30", wps.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(200, running.get(20, TimeUnit.SECONDS).statusCode(), "the running execution ends");
            assertTrue(running.get().body().contains("hola"), running.get().body());
            assertEquals(0, drained.get(20, TimeUnit.SECONDS), "nothing left running");
        }
    }

    @Test
    void aRequestLongerThanTheGraceIsCountedAsCutOff() throws Exception {
        try (TestServer server = TestServer.start(temp.resolve("work"), 1L << 20, null, 50L, null)) {
            echo(server.base(), 30);
            awaitRunning(server.base());
            long start = System.nanoTime();
            assertEquals(1, server.drain(Duration.ofSeconds(1)));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "the grace bounds the wait");
        }
    }

    /**
     * The stop that follows a drain closes every connection at once: a request the drain saw end must have had its
     * response sent by then. Before, Jetty sent a small response only after the handlers returned, and in a trial 7
     * stops in 40 cut one off (the client saw no byte). A race, so it is run many times.
     */
    @Test
    void theResponseOfARequestThatEndedBeforeTheStopIsSent() throws Exception {
        List<String> cutOff = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<HttpResponse<String>> running;
            try (TestServer server = TestServer.start(temp.resolve("work" + i), 1L << 20, null, 50L, null)) {
                running = echo(server.base(), 0.2);
                awaitRunning(server.base());
                assertEquals(0, server.drain(Duration.ofSeconds(20)), "nothing left running");
            }
            try {
                assertEquals(200, running.get(20, TimeUnit.SECONDS).statusCode());
            } catch (java.util.concurrent.ExecutionException e) {
                cutOff.add("stop " + i + ": " + e.getCause());
            }
        }
        assertEquals(List.of(), cutOff, "responses cut off by the stop");
    }

    @Test
    @Timeout(120)
    void serveStopsGracefullyOnSigterm() throws Exception {
        Path config = Files.writeString(temp.resolve("server.yaml"), "server:\n  port: 0\n  shutdownGraceSeconds: 20\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.rgbunmix.cli.Main", "serve", "--config",
                config.toString(), "--models", TestData.MODELS.toAbsolutePath().toString(), "--work-dir",
                temp.resolve("work").toString()));
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read as it comes, on a thread of its own: destroy() closes the process's streams
        StringBuffer output = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (java.io.IOException closed) {
                // the process is gone
            }
        });
        reader.start();
        try {
            Pattern startLine = Pattern.compile("WPS at (http://[^/]+)/wps");
            String base = null;
            for (int i = 0; i < 600 && base == null; i++) {
                Matcher started = startLine.matcher(output);
                if (started.find()) {
                    base = started.group(1);
                } else {
                    Thread.sleep(100);
                }
            }
            assertTrue(base != null, "the start line: " + output);
            CompletableFuture<HttpResponse<String>> running = echo(base, 2);
            awaitRunning(base);
            ProcessHandle.of(serve.pid()).orElseThrow().destroy(); // SIGTERM, the streams left open
            HttpResponse<String> refused = awaitRefused(base + "/processes");
            assertEquals(503, refused.statusCode(), refused.body());
            HttpResponse<String> ended;
            try {
                ended = running.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("the running execution got no answer (" + e.getCause() + "); serve said:\n"
                        + output, e);
            }
            assertEquals(200, ended.statusCode(), "the running execution ends");
            assertTrue(serve.waitFor(40, TimeUnit.SECONDS), "serve ends");
            reader.join(5000);
            assertTrue(output.toString().contains("rgbunmix: stopping: new requests were answered 503; every running "
                    + "request ended"), output.toString());
        } finally {
            serve.destroyForcibly();
        }
    }
}
