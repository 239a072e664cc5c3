package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GeoTIFF given to the servers by reference is read where it lies, in parts, like the command line's
 * {@code --raster URL}: a run on one window asks for a small part of a COG, on both interfaces, and a
 * server that ignores ranges gets its file downloaded whole as before, with the same results.
 */
class RemoteRasterReferenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The COG's first window, in its own CRS. */
    private static final String FIRST_WINDOW = "440000,4127760,442240,4130000,EPSG:32630";

    @TempDir
    static Path temp;
    private static RangeServer data;
    private static long cogSize;
    private static TestServer server;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path cog = GdalTools.noisyCog(temp, "cog.tif");
        cogSize = Files.size(cog);
        Files.createDirectories(temp.resolve("whole"));
        Files.copy(cog, temp.resolve("whole/cog.tif"));
        data = new RangeServer(temp);
        server = TestServer.start(temp.resolve("work"), 2L << 20, Settings.DEFAULT.jobs(), 500L,
                new Settings.References(List.of(data.url("")), 64L << 20, 30L));
        base = server.base();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        data.close();
    }

    private static String wpsExecute(String href) {
        return "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:DataInputs>"
                + "<wps:Input><ows:Identifier>raster</ows:Identifier><wps:Reference mimeType=\"image/tiff\" xlink:href=\""
                + href + "\"/></wps:Input>"
                + literal("area", FIRST_WINDOW) + literal("ancillaryValues", TestData.ANCILLARY_TEXT)
                + "</wps:DataInputs><wps:ResponseForm><wps:RawDataOutput mimeType=\"application/json\">"
                + "<ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm></wps:Execute>";
    }

    private static String literal(String name, String value) {
        return "<wps:Input><ows:Identifier>" + name + "</ows:Identifier><wps:Data><wps:LiteralData>" + value
                + "</wps:LiteralData></wps:Data></wps:Input>";
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Runs {@code execute} and returns its one window's properties and the bytes the data server sent for it. */
    private record Run(JsonNode properties, long bytes) {
    }

    private interface Execute {
        JsonNode features() throws Exception;
    }

    private static Run measure(Execute execute) throws Exception {
        long before = data.bytesSent.get();
        JsonNode features = execute.features();
        assertEquals(1, features.size(), features.toString());
        return new Run(features.get(0).get("properties"), data.bytesSent.get() - before);
    }

    private JsonNode wps(String href) throws Exception {
        HttpResponse<String> response = post("/wps", wpsExecute(href));
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("features");
    }

    @Test
    void aWpsReferenceToACogIsReadInPartsAndAServerWithoutRangesStillGetsItsFileFetchedWhole() throws Exception {
        Run inPlace = measure(() -> wps(data.url("cog.tif")));
        assertTrue(inPlace.bytes() < 0.3 * cogSize, "one window read " + inPlace.bytes() + " bytes of a "
                + cogSize + "-byte COG");

        Run whole = measure(() -> wps(data.url("whole/cog.tif")));
        assertTrue(whole.bytes() >= cogSize, "downloaded whole: " + whole.bytes() + " bytes");
        assertEquals(whole.properties(), inPlace.properties());
    }

    @Test
    void anAsynchronousOgcApiJobKeepsTheUrlAndReadsOnlyItsWindowsParts() throws Exception {
        String body = "{\"inputs\": {\"raster\": {\"href\": \"" + data.url("cog.tif") + "\", \"type\": \"image/tiff\"}, "
                + "\"area\": \"" + FIRST_WINDOW + "\", \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}, "
                + "\"outputs\": {\"result\": {\"format\": {\"mediaType\": \"application/geo+json\"}}}}";
        Run run = measure(() -> {
            HttpResponse<String> accepted = post("/processes/estimate-abundances/execution", body, "Prefer", "respond-async",
                    "Content-Type", "application/json");
            assertEquals(201, accepted.statusCode(), accepted.body());
            String job = JSON.readTree(accepted.body()).get("jobID").asText();
            String status = "";
            for (int i = 0; i < 300 && !status.equals("successful") && !status.equals("failed"); i++) {
                Thread.sleep(100);
                status = get("/jobs/" + job).get("status").asText();
            }
            assertEquals("successful", status, get("/jobs/" + job).toString());
            try (Stream<Path> files = Files.walk(temp.resolve("work"))) {
                assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("raster")
                        && f.getFileName().toString().endsWith(".dat")), "no copy of the raster is kept with the job");
            }
            return get("/jobs/" + job + "/results/result").get("features");
        });
        assertTrue(run.bytes() < 0.3 * cogSize, "one window read " + run.bytes() + " bytes of a " + cogSize
                + "-byte COG");
    }

    @Test
    void aCogReferenceOffTheAllowListIsRefusedBeforeAnyRead() throws Exception {
        long before = data.requests.get();
        HttpResponse<String> response = post("/wps", wpsExecute("http://127.0.0.2:1/cog.tif"));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("locator=\"raster\"") && response.body().contains("allow-list"),
                response.body());
        assertEquals(before, data.requests.get());
    }
}
