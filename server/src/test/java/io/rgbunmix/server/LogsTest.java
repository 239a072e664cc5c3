package io.rgbunmix.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import io.rgbunmix.config.Logs;
import io.rgbunmix.config.Settings;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The logs as an operator reads them: a readable line or a JSON object per event, an access-log line per
 * request with its method, path, status, duration and job, and never a token or an input's data.
 */
class LogsTest {
    private static final String SECRET = "s3cr3t-token-value";
    @TempDir
    Path temp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    /** Back to the tests' own configuration (logback-test.xml) for the tests after these. */
    @AfterEach
    void back() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private void requests(String base) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(base + "/processes?token=" + SECRET)).header("Authorization",
                "Bearer " + SECRET).build(), HttpResponse.BodyHandlers.ofString());
        http.send(HttpRequest.newBuilder(URI.create(base + "/wps?service=WPS&version=1.0.0&request=Execute"
                + "&identifier=unmix:Echo&DataInputs=message=" + SECRET)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> job = http.send(HttpRequest.newBuilder(URI.create(base + "/processes/echo/execution"))
                .header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"" + SECRET + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, job.statusCode(), job.body());
    }

    @Test
    void jsonLinesWithAnAccessLogAndNoSecret() throws Exception {
        Logs.configure(new Settings.Logging("json"), logs);
        try (TestServer server = TestServer.start(temp.resolve("work"), 1L << 20, null, 50L, null)) {
            requests(server.base());
        }
        String text = logs.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(SECRET), "no token and no input in the logs:\n" + text);
        List<JsonNode> access = new ArrayList<>();
        for (String line : text.split("\n")) {
            JsonNode event = new ObjectMapper().readTree(line); // every line is one JSON object
            if (event.path("loggerName").asText().equals("rgbunmix.access")) {
                access.add(event);
            }
        }
        assertEquals(3, access.size(), text);
        JsonNode first = keyValues(access.get(0));
        assertEquals("GET", first.get("method").asText());
        assertEquals("/processes", first.get("path").asText());
        assertEquals("200", first.get("status").asText());
        assertTrue(first.get("durationMs").asLong() >= 0);
        assertEquals("Execute", keyValues(access.get(1)).get("wpsRequest").asText());
        assertTrue(keyValues(access.get(2)).get("job").asText().matches("[0-9a-f-]{36}"), access.get(2).toString());
    }

    /** The event's key-value pairs, as Logback's JsonEncoder writes them (a list of one-key objects). */
    private static JsonNode keyValues(JsonNode event) {
        var merged = new ObjectMapper().createObjectNode();
        event.path("kvpList").forEach(pair -> pair.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue())));
        return merged;
    }

    @Test
    void readableLinesByDefault() throws Exception {
        Logs.configure(new Settings.Logging("text"), logs);
        try (TestServer server = TestServer.start(temp.resolve("work"), 1L << 20, null, 50L, null)) {
            requests(server.base());
        }
        String text = logs.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains(SECRET), text);
        assertTrue(text.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  \\[[^]]+\\] rgbunmix.access - "
                + "GET /processes 200 \\d+ ms\n.*"), text);
        assertTrue(text.contains("POST /processes/echo/execution 201 "), text);
    }
}
