package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.inputs.RangeServer;
import io.rgbunmix.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A STAC API collection as an image input (OGC API - Processes Part 3, collection input): the server searches it over
 * the execution's area and period as {@code rgbunmix run --stac-search} does, and composites the same dates into the
 * same numbers; a collection the reference rules refuse, one that yields nothing, and one without an area are 400s
 * naming the input.
 */
class CollectionInputTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theServerSearchesACollectionAsTheCommandLineSearchesAnApi() throws Exception {
        CloudyDates fixture = CloudyDates.make(Files.createDirectories(temp.resolve("fixture")));
        Path served = Files.createDirectories(temp.resolve("served"));
        try (RangeServer stac = new RangeServer(served)) {
            String collection = fixture.itemCollection();
            for (int d = 0; d < 3; d++) {
                for (Path file : List.of(fixture.dates()[d], fixture.masks()[d])) {
                    Files.copy(file, served.resolve(file.getFileName()));
                    collection = collection.replace(file.toUri().toString(), stac.url(file.getFileName().toString()));
                }
            }
            // the API's Item Search answers the three dates, as COGs on the same server; another API finds none
            Files.createDirectories(served.resolve("v1"));
            Files.writeString(served.resolve("v1/search"), collection);
            Files.createDirectories(served.resolve("empty"));
            Files.writeString(served.resolve("empty/search"), "{\"type\": \"FeatureCollection\", \"features\": []}");
            RasterGeometryCorners corners = new RasterGeometryCorners();
            String area = corners.nw[0] + "," + corners.se[1] + "," + corners.se[0] + "," + corners.nw[1];

            Map<String, CSVRecord> cli = CloudsAndCompositesCliTest.csv(CloudsAndCompositesCliTest.run(
                    temp.resolve("cli"), "--stac-search", stac.url("v1"), "--datetime", "2024-05-01/2024-07-31",
                    "--area", area));

            try (TestServer server = TestServer.start(temp.resolve("work"), 20L << 20, null, 50L,
                    new Settings.References(List.of(stac.url("")), 64L << 20, 30L))) {
                HttpResponse<String> run = execute(server, "{\"collection\": \"" + stac.url("v1/collections/sentinel-2-l2a")
                        + "\", \"datetime\": \"2024-05-01/2024-07-31\"}", area);
                assertEquals(200, run.statusCode(), run.body());
                Path csv = Files.writeString(temp.resolve("server.csv"), run.body());
                Map<String, CSVRecord> rows = CloudsAndCompositesCliTest.records(csv);
                assertEquals(List.of("0", "1", "2", "3", "4"), List.copyOf(rows.keySet()), "window 5 is clouded on every date");
                assertEquals(cli.keySet(), rows.keySet());
                CloudsAndCompositesCliTest.assertSameAbundances(cli, rows, List.copyOf(rows.keySet()));
                for (String id : rows.keySet()) {
                    assertEquals(cli.get(id).get("dates"), rows.get(id).get("dates"), "window " + id);
                }

                assertRefused(execute(server, "{\"collection\": \"http://192.0.2.1/v1/collections/sentinel-2-l2a\", "
                        + "\"datetime\": \"2024-05-01/2024-07-31\"}", area), "raster", "192.0.2.1");
                assertRefused(execute(server, "{\"collection\": \"" + stac.url("empty/collections/sentinel-2-l2a")
                        + "\", \"datetime\": \"2024-05-01/2024-07-31\"}", area), "raster", "found no scene");
                assertRefused(execute(server, "{\"collection\": \"" + stac.url("v1/collections/sentinel-2-l2a")
                        + "\", \"datetime\": \"2024-05-01/2024-07-31\"}", null), "area", "area");
                assertRefused(execute(server, "{\"collection\": \"" + stac.url("v1/collections/sentinel-2-l2a") + "\"}",
                        area), "raster", "datetime");
                HttpResponse<String> features = HTTP.send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/processes/estimate-abundances/execution")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"raster\": {\"collection\": \""
                                + stac.url("v1/collections/sentinel-2-l2a") + "\", \"datetime\": \"2024\"}, \"ancillary\": "
                                + "{\"collection\": \"" + stac.url("v1/collections/x") + "\"}, \"area\": \"" + area + "\"}}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertRefused(features, "ancillary", "takes no collection");
            }
        }
    }

    /** The corners of the fixture's grid in longitude/latitude. */
    private static final class RasterGeometryCorners {
        final double[] nw = new Reprojection(CloudsAndCompositesCliTest.GRID.crs(), Crs.LON_LAT).apply(440000, 4130000);
        final double[] se = new Reprojection(CloudsAndCompositesCliTest.GRID.crs(), Crs.LON_LAT)
                .apply(440000 + 3 * CloudsAndCompositesCliTest.W * 10, 4130000 - 2 * CloudsAndCompositesCliTest.W * 10);
    }

    private static HttpResponse<String> execute(TestServer server, String raster, String area) throws Exception {
        String body = "{\"inputs\": {\"raster\": " + raster + (area == null ? "" : ", \"area\": \"" + area + "\"")
                + ", \"level\": \"N2\", \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}, "
                + "\"outputs\": {\"result\": {\"format\": {\"mediaType\": \"text/csv\"}}}, \"response\": \"raw\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + "/processes/estimate-abundances/execution"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> reply, String input, String mentions) throws Exception {
        assertEquals(400, reply.statusCode(), reply.body());
        JsonNode problem = new ObjectMapper().readTree(reply.body());
        String detail = problem.get("detail").asText();
        assertTrue(detail.contains(mentions) && detail.contains(input), reply.body());
    }
}
