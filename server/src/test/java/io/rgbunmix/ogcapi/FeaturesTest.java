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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished job's features as an OGC API - Features collection: listed, described with its extent, its items paged
 * as GeoJSON, filtered by bbox and by a queryable attribute, each item by its id; a job without features is none.
 */
class FeaturesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path temp;
    static TestServer server;
    static String job;
    /** The job's own GeoJSON result, as GET /jobs/{id}/results/result gives it. */
    static JsonNode result;

    @BeforeAll
    static void aFinishedJob() throws Exception {
        server = TestServer.start(temp.resolve("work"), 20L << 20, null, 50L, null);
        Path scene = temp.resolve("scene.tif");
        SyntheticRaster.write(scene, TestData.utm(3 * 224, 2 * 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> (x / 5 + y / 3 + b * 70 + (x / 224) * 90) % 250);
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                + "/processes/estimate-abundances/execution")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"raster\": {\"value\": \""
                        + Base64.getEncoder().encodeToString(Files.readAllBytes(scene)) + "\", \"mediaType\": \"image/tiff\"}, "
                        + "\"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, done.statusCode(), done.body());
        String location = done.headers().firstValue("Location").orElseThrow();
        job = location.substring(location.lastIndexOf('/') + 1);
        result = get("/jobs/" + job + "/results/result", "application/json").json;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private record Reply(int status, String type, JsonNode json) {
    }

    private static Reply get(String path, String accept) throws Exception {
        HttpResponse<String> reply = HTTP.send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : server.base() + path)).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""),
                reply.statusCode() == 200 && !reply.body().startsWith("<") ? JSON.readTree(reply.body()) : null);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("features").forEach(feature -> ids.add(feature.get("id").asText()));
        return ids;
    }

    @Test
    void theJobIsACollectionWithTheExtentOfItsWindows() throws Exception {
        assertTrue(get("/conformance", "application/json").json.toString().contains("ogcapi-features-1/1.0/conf/core"));
        boolean data = false;
        for (JsonNode link : get("/", "application/json").json.get("links")) {
            data |= link.get("rel").asText().equals("data") && link.get("href").asText().endsWith("/collections");
        }
        assertTrue(data, "the landing page links the collections as 'data'");
        JsonNode list = get("/collections", "application/json").json;
        assertEquals(job, list.get("collections").get(0).get("id").asText());
        JsonNode collection = get("/collections/" + job, "application/json").json;
        JsonNode bbox = collection.at("/extent/spatial/bbox/0");
        double[] expected = {180, 90, -180, -90};
        for (JsonNode feature : result.get("features")) {
            for (JsonNode point : feature.at("/geometry/coordinates/0")) {
                expected[0] = Math.min(expected[0], point.get(0).asDouble());
                expected[1] = Math.min(expected[1], point.get(1).asDouble());
                expected[2] = Math.max(expected[2], point.get(0).asDouble());
                expected[3] = Math.max(expected[3], point.get(1).asDouble());
            }
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], bbox.get(i).asDouble(), 1e-12);
        }
        assertEquals(6, result.get("features").size());
    }

    @Test
    void itemsArePagedGeoJsonWithTheJobsFeatures() throws Exception {
        Reply first = get("/collections/" + job + "/items?limit=4", "application/geo+json");
        assertTrue(first.type.startsWith("application/geo+json"), first.type);
        assertEquals(6, first.json.get("numberMatched").asInt());
        assertEquals(4, first.json.get("numberReturned").asInt());
        String next = null;
        for (JsonNode link : first.json.get("links")) {
            if (link.get("rel").asText().equals("next")) {
                next = link.get("href").asText();
            }
        }
        JsonNode second = get(next, "application/geo+json").json;
        List<String> all = new ArrayList<>(ids(first.json));
        all.addAll(ids(second));
        List<String> expected = new ArrayList<>();
        result.get("features").forEach(feature -> expected.add(feature.get("id").asText()));
        assertEquals(expected, all, "every window once, in the job's order");
        assertEquals(result.get("features").get(4), second.get("features").get(0), "the job's own feature, whole");
        JsonNode one = get("/collections/" + job + "/items/" + expected.get(2), "application/geo+json").json;
        assertEquals(result.get("features").get(2), one);
        assertEquals(404, get("/collections/" + job + "/items/999", "application/geo+json").status);
    }

    @Test
    void itemsAreFilteredByBboxAndByAQueryableAttribute() throws Exception {
        JsonNode third = result.get("features").get(2).get("properties");
        double lon = third.get("centre_lon").asDouble();
        double lat = third.get("centre_lat").asDouble();
        String bbox = String.format(Locale.ROOT, "%.7f,%.7f,%.7f,%.7f", lon - 1e-5, lat - 1e-5, lon + 1e-5, lat + 1e-5);
        JsonNode around = get("/collections/" + job + "/items?bbox=" + URLEncoder.encode(bbox, StandardCharsets.UTF_8),
                "application/geo+json").json;
        assertEquals(List.of(result.get("features").get(2).get("id").asText()), ids(around));

        assertTrue(get("/collections/" + job + "/queryables", "application/json").json.at("/properties/dominant_class")
                .isObject());
        String dominant = third.get("dominant_class").asText();
        List<String> expected = new ArrayList<>();
        result.get("features").forEach(feature -> {
            if (feature.get("properties").get("dominant_class").asText().equals(dominant)) {
                expected.add(feature.get("id").asText());
            }
        });
        JsonNode same = get("/collections/" + job + "/items?limit=100&dominant_class="
                + URLEncoder.encode(dominant, StandardCharsets.UTF_8), "application/geo+json").json;
        assertEquals(expected, ids(same));
        assertEquals(400, get("/collections/" + job + "/items?bbox=1,2,3", "application/geo+json").status);
    }

    @Test
    void aJobWithoutFeaturesIsNoCollection() throws Exception {
        HttpResponse<String> echo = HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                + "/processes/echo/execution")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"x\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = echo.headers().firstValue("Location").orElseThrow();
        String echoJob = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(404, get("/collections/" + echoJob, "application/json").status);
        for (JsonNode collection : get("/collections", "application/json").json.get("collections")) {
            assertTrue(!collection.get("id").asText().equals(echoJob), "the echo is not listed");
        }
        assertTrue(get("/collections/" + job + "/items?f=html", "text/html").type.startsWith("text/html"));
    }
}
