package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.server.TestServer;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same two periods through {@code rgbunmix change}, the WPS's unmix:EstimateChange and the OGC API's
 * estimate-change, synchronously and as a job (one that waits through a restart too): one change, window by
 * window; and the bad inputs of a change refused as 400s that name the input.
 */
class ChangeOnEveryInterfaceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    private static TestServer server;
    private static Path[] periods;
    private static Map<String, CSVRecord> cli;

    @BeforeAll
    static void start() throws Exception {
        periods = ShiftedPeriods.make(temp);
        server = TestServer.withShippedModels(temp.resolve("work"), 64L << 20, null);
        Path out = temp.resolve("cli");
        CliRun change = CliRun.of("change", "--before", periods[0].toString(), "--after", periods[1].toString(),
                "--ancillary-values", TestData.ANCILLARY_TEXT, "--level", "N2", "--models", "models", "--out",
                out.toString());
        assertEquals(0, change.code(), change.err());
        cli = records(Files.readString(out.resolve("change.csv")));
        assertEquals(ShiftedPeriods.WINDOWS, cli.size());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Map<String, CSVRecord> records(String csv) throws Exception {
        Map<String, CSVRecord> rows = new TreeMap<>();
        for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().build().parse(new StringReader(csv))) {
            rows.put(row.get("window_id"), row);
        }
        return rows;
    }

    private static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A synchronous execution asking the change as CSV. */
    private static HttpResponse<String> ogcApi(String inputs) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(server.base() + "/processes/estimate-change/execution"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {" + inputs + "}, \"outputs\": {\"change\": "
                        + "{\"format\": {\"mediaType\": \"text/csv\"}}}, \"response\": \"raw\"}")));
    }

    private static String tiff(Path file) throws Exception {
        return "{\"value\": \"" + base64(file) + "\", \"mediaType\": \"image/tiff\"}";
    }

    private static String bothPeriods(Path before, Path after) throws Exception {
        return "\"before\": " + tiff(before) + ", \"after\": [" + tiff(after) + "], \"ancillaryValues\": \""
                + TestData.ANCILLARY_TEXT + "\", \"level\": \"N2\"";
    }

    /** Every column equal: numbers to 1e-6 (the servers batch windows as they please), the rest as text. */
    private static void assertSameChange(Map<String, CSVRecord> served, String how) {
        assertEquals(cli.keySet(), served.keySet(), how);
        for (String id : cli.keySet()) {
            for (Map.Entry<String, String> cell : cli.get(id).toMap().entrySet()) {
                String given = served.get(id).get(cell.getKey());
                if (cell.getValue().matches("-?[0-9.E-]+")) {
                    assertEquals(Double.parseDouble(cell.getValue()), Double.parseDouble(given), 1e-6,
                            how + ", window " + id + ", " + cell.getKey());
                } else {
                    assertEquals(cell.getValue(), given, how + ", window " + id + ", " + cell.getKey());
                }
            }
        }
    }

    @Test
    void theWpsAndTheOgcApiGiveTheCommandLinesChange() throws Exception {
        HttpResponse<String> ogc = ogcApi(bothPeriods(periods[0], periods[1]));
        assertEquals(200, ogc.statusCode(), ogc.body());
        assertSameChange(records(ogc.body()), "OGC API");

        String execute = "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>unmix:EstimateChange</ows:Identifier>"
                + "<wps:DataInputs>" + complex("before", periods[0]) + complex("after", periods[1])
                + literal("level", "N2") + literal("ancillaryValues", TestData.ANCILLARY_TEXT) + "</wps:DataInputs>"
                + "<wps:ResponseForm><wps:RawDataOutput mimeType=\"text/csv\"><ows:Identifier>change</ows:Identifier>"
                + "</wps:RawDataOutput></wps:ResponseForm></wps:Execute>";
        HttpResponse<String> wps = send(HttpRequest.newBuilder(URI.create(server.base() + "/wps"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(execute)));
        assertEquals(200, wps.statusCode(), wps.body());
        assertSameChange(records(wps.body()), "WPS");
        // most windows of the two blocks differ in class: the fixture is a change, not two equal periods
        long likely = cli.values().stream().filter(r -> r.get("likely_change").equals("true")).count();
        assertTrue(likely >= ShiftedPeriods.WINDOWS / 2, likely + " windows of likely change");
    }

    @Test
    void aChangeJobReportsProgressOverBothPeriodsAndKeepsItsMap() throws Exception {
        // every output in its default format: the change as GeoJSON, which the results page maps, and the raster
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/processes/estimate-change/execution")).header("Content-Type", "application/json")
                .header("Prefer", "respond-async").POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {"
                        + bothPeriods(periods[0], periods[1]) + "}}")));
        assertEquals(201, accepted.statusCode(), accepted.body());
        String id = JSON.readTree(accepted.body()).get("jobID").asText();
        JsonNode status = null;
        for (int i = 0; i < 600; i++) {
            status = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + id))).body());
            if (List.of("successful", "failed", "dismissed").contains(status.get("status").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("successful", status.get("status").asText(), status.toString());
        assertEquals(100, status.get("progress").asInt());
        JsonNode features = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + id
                + "/results/change"))).body()).get("features");
        assertEquals(cli.size(), features.size());
        for (JsonNode feature : features) {
            JsonNode properties = feature.get("properties");
            CSVRecord row = cli.get(properties.get("window_id").asText());
            for (String column : List.of("forests_change", "artificial_after", "dominant_before", "likely_change")) {
                assertEquals(row.get(column), properties.get(column).asText(), "job, " + column);
            }
        }
        // the results page maps the change over the "before" picture, with the change's panels
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + id
                + "/results?f=html")));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"transition-matrix\""), page.body());
        assertTrue(page.body().contains("\"kind\":\"change\""), page.body());
        JsonNode legend = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + id
                + "/legend"))).body());
        assertEquals("N2", legend.get("level").asText());
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(server.base() + "/jobs/" + id + "/quicklook.png")))
                .statusCode());
    }

    @Test
    void aChangeJobWaitingForAWorkerSurvivesARestartAndEndsUnderItsId() throws Exception {
        Settings.Jobs oneWorker = new Settings.Jobs(1, 1, 5, 60L, 60L, 1.0);
        Path work = temp.resolve("restart-work");
        String queued;
        String blocker;
        try (TestServer first = TestServer.withShippedModels(work, 64L << 20, oneWorker)) {
            blocker = jobId(first, "echo", "\"message\": \"x\", \"pause\": 60");
            queued = jobId(first, "estimate-change", bothPeriods(periods[0], periods[1]));
        }   // it stops with the echo running and the change waiting for the one worker
        try (TestServer second = TestServer.withShippedModels(work, 64L << 20, oneWorker)) {
            assertEquals("accepted", status(second, queued).get("status").asText(), "resumed, waiting its turn");
            send(HttpRequest.newBuilder(URI.create(second.base() + "/jobs/" + blocker)).DELETE());
            JsonNode status = status(second, queued);
            for (int i = 0; i < 600 && !List.of("successful", "failed").contains(status.get("status").asText()); i++) {
                Thread.sleep(100);
                status = status(second, queued);
            }
            assertEquals("successful", status.get("status").asText(), status.toString());
            JsonNode features = JSON.readTree(send(HttpRequest.newBuilder(URI.create(second.base() + "/jobs/" + queued
                    + "/results/change"))).body()).get("features");
            assertEquals(cli.size(), features.size());
            for (JsonNode feature : features) {
                JsonNode properties = feature.get("properties");
                assertEquals(cli.get(properties.get("window_id").asText()).get("forests_change"),
                        properties.get("forests_change").asText());
            }
        }
    }

    private static String jobId(TestServer on, String process, String inputs) throws Exception {
        HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(on.base() + "/processes/" + process
                        + "/execution")).header("Content-Type", "application/json").header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {" + inputs + "}}")));
        assertEquals(201, accepted.statusCode(), accepted.body());
        return JSON.readTree(accepted.body()).get("jobID").asText();
    }

    private static JsonNode status(TestServer on, String job) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(on.base() + "/jobs/" + job))).body());
    }

    private static String complex(String name, Path file) throws Exception {
        return "<wps:Input><ows:Identifier>" + name + "</ows:Identifier><wps:Data><wps:ComplexData mimeType=\"image/tiff\" "
                + "encoding=\"base64\">" + base64(file) + "</wps:ComplexData></wps:Data></wps:Input>";
    }

    private static String literal(String name, String value) {
        return "<wps:Input><ows:Identifier>" + name + "</ows:Identifier><wps:Data><wps:LiteralData>" + value
                + "</wps:LiteralData></wps:Data></wps:Input>";
    }

    @Test
    void theBadInputsOfAChangeAre400sThatNameTheInput() throws Exception {
        Path far = temp.resolve("far.tif");
        io.rgbunmix.inputs.GdalTools.run("gdal_translate", "-q", "-a_ullr", "640000", "4130000", "648960", "4121040",
                periods[1], far);
        Map<String, HttpResponse<String>> refused = Map.of(
                "after", ogcApi(bothPeriods(periods[0], far)),
                "after ", ogcApi("\"before\": " + tiff(periods[0]) + ", \"ancillaryValues\": \""
                        + TestData.ANCILLARY_TEXT + "\""),
                "significance", ogcApi(bothPeriods(periods[0], periods[1]) + ", \"significance\": 0"),
                "before", ogcApi(bothPeriods(temp.resolve("cli").resolve("change.csv"), periods[1])));
        for (Map.Entry<String, HttpResponse<String>> entry : refused.entrySet()) {
            assertEquals(400, entry.getValue().statusCode(), entry.getKey() + ": " + entry.getValue().body());
            assertTrue(entry.getValue().body().contains("'" + entry.getKey().trim() + "'"),
                    entry.getKey() + ": " + entry.getValue().body());
        }
        assertTrue(refused.get("after").body().contains("the periods do not overlap"), refused.get("after").body());
        assertTrue(refused.get("after ").body().contains("required"), refused.get("after ").body());
    }
}
