package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.cli.Main;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine;

/**
 * A server for the page tests, on a free loopback port, with the shipped models (so the screenshots show
 * real results), and the sample scene's job.
 */
final class Site implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SCENE = Path.of("samples/scene.tif");
    static final Path SCENE_ANCILLARY = Path.of("samples/scene-ancillary.geojson");
    /** What Chromium sends for a page. */
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
            + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

    final String base;
    private final ModelStore models;
    private final RgbunmixServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    Site(Path work) throws Exception {
        models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
        Settings settings = new Settings(Settings.DEFAULT.engine(),
                new Settings.Server("127.0.0.1", 0, "work", 64L << 20, ""), Settings.DEFAULT.jobs(), null, null);
        server = new RgbunmixServer(settings, work, models);
        base = "http://127.0.0.1:" + server.start();
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path, "application/json");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Runs the command line in this JVM, its output discarded, and asserts it succeeded. */
    static void cli(String... arguments) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, line.execute(arguments), String.join(" ", arguments));
    }

    /** POSTs an asynchronous execute request; the job id. */
    String post(String path, String body) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("jobID").asText();
    }

    /** Runs the sample scene with its ancillary features asynchronously and waits for the end; the job id. */
    String sceneJob() throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode inputs = body.putObject("inputs");
        inputs.putObject("raster").put("value", Base64.getEncoder().encodeToString(Files.readAllBytes(SCENE)))
                .put("mediaType", "image/tiff").put("encoding", "base64");
        inputs.set("ancillary", JSON.readTree(SCENE_ANCILLARY.toFile()));
        String id = post("/processes/estimate-abundances/execution", JSON.writeValueAsString(body));
        String status = "";
        for (int i = 0; i < 600 && !status.equals("successful") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = json("/jobs/" + id).get("status").asText();
        }
        assertEquals("successful", status, json("/jobs/" + id).toString());
        return id;
    }

    @Override
    public void close() throws Exception {
        server.close();
        models.close();
    }
}
