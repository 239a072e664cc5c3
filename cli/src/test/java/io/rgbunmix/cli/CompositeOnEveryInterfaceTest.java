package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.TestServer;
import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * The same three cloudy dates and their masks through the WPS (three occurrences of each input), the OGC
 * API (arrays) and the command line: one composite, the cloud-free truth's; and the bad inputs of a
 * composite refused as 400s that name the input.
 */
class CompositeOnEveryInterfaceTest {
    @TempDir
    static Path temp;
    private static TestServer server;
    private static CloudyDates fixture;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = CloudyDates.make(temp);
        server = TestServer.start(temp.resolve("work"), 64L << 20, null, 50L, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, CSVRecord> records(String csv) throws Exception {
        Map<String, CSVRecord> rows = new TreeMap<>();
        for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().build().parse(new java.io.StringReader(csv))) {
            rows.put(row.get("window_id"), row);
        }
        return rows;
    }

    private static String array(Path[] files) throws Exception {
        List<String> values = new ArrayList<>();
        for (Path file : files) {
            values.add("{\"value\": \"" + base64(file) + "\", \"mediaType\": \"image/tiff\"}");
        }
        return "[" + String.join(", ", values) + "]";
    }

    private static HttpResponse<String> ogcApi(String rasters, String masks, String extra) throws Exception {
        return post("/processes/estimate-abundances/execution", "application/json", "{\"inputs\": {\"raster\": " + rasters
                + (masks == null ? "" : ", \"mask\": " + masks) + ", \"maskClasses\": \"9\", \"ancillaryValues\": \""
                + TestData.ANCILLARY_TEXT + "\", \"level\": \"N2\"" + extra + "}, \"outputs\": {\"result\": {\"format\": "
                + "{\"mediaType\": \"text/csv\"}}}, \"response\": \"raw\"}");
    }

    @Test
    void threeOccurrencesOverWpsAndAnArrayOverOgcApiGiveTheCommandLinesComposite() throws Exception {
        Path[] dates = fixture.dates();
        Path[] masks = fixture.masks();
        List<String> cliArgs = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            cliArgs.addAll(List.of("--raster", dates[d].toString(), "--mask", masks[d].toString()));
        }
        cliArgs.addAll(List.of("--mask-classes", "9"));
        Map<String, CSVRecord> cli = fixture.assertTheTruth(
                CloudsAndCompositesCliTest.run(temp.resolve("cli"), cliArgs.toArray(String[]::new)));

        HttpResponse<String> ogc = ogcApi(array(dates), array(masks), "");
        assertEquals(200, ogc.statusCode(), ogc.body());
        Map<String, CSVRecord> fromOgc = records(ogc.body());

        StringBuilder inputs = new StringBuilder();
        for (String input : List.of("raster", "mask")) {
            for (Path file : input.equals("raster") ? dates : masks) {
                inputs.append("<wps:Input><ows:Identifier>").append(input).append("</ows:Identifier><wps:Data>")
                        .append("<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">").append(base64(file))
                        .append("</wps:ComplexData></wps:Data></wps:Input>");
            }
        }
        String execute = "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>unmix:EstimateAbundances</ows:Identifier>"
                + "<wps:DataInputs>" + inputs + literal("maskClasses", "9") + literal("level", "N2")
                + literal("ancillaryValues", TestData.ANCILLARY_TEXT) + "</wps:DataInputs><wps:ResponseForm>"
                + "<wps:RawDataOutput mimeType=\"text/csv\"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput>"
                + "</wps:ResponseForm></wps:Execute>";
        HttpResponse<String> wps = post("/wps", "text/xml", execute);
        assertEquals(200, wps.statusCode(), wps.body());
        Map<String, CSVRecord> fromWps = records(wps.body());

        for (Map<String, CSVRecord> served : List.of(fromOgc, fromWps)) {
            assertEquals(cli.keySet(), served.keySet());
            for (String id : cli.keySet()) {
                assertEquals(withoutNames(cli.get(id)), withoutNames(served.get(id)), "window " + id);
            }
        }
        // a plain GeoTIFF says no date: the command line reads it from the file's name, a server has only the input's
        assertEquals("raster 2;raster 3", fromWps.get("0").get("dates"));
        // the servers name a client's masks by the input, never by the file they were staged in
        assertTrue(fromOgc.get("0").get("mask").startsWith("mask 1 (classes 9); mask 2 (classes 9)"),
                fromOgc.get("0").get("mask"));
    }

    /** A row but the columns that name the files: the command line's own, the servers' inputs. */
    private static List<Map.Entry<String, String>> withoutNames(CSVRecord row) {
        return row.toMap().entrySet().stream().filter(e -> !e.getKey().equals("mask") && !e.getKey().equals("dates"))
                .toList();
    }

    private static String literal(String name, String value) {
        return "<wps:Input><ows:Identifier>" + name + "</ows:Identifier><wps:Data><wps:LiteralData>" + value
                + "</wps:LiteralData></wps:Data></wps:Input>";
    }

    @Test
    void theBadInputsOfACompositeAre400sThatNameTheInput() throws Exception {
        Path[] dates = fixture.dates();
        Path[] masks = fixture.masks();
        Path half = temp.resolve("half.tif");
        SyntheticRaster.write(half, TestData.utm(3 * 112, 112, 440000, 4130000, 20), 1, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> 4);
        Path elsewhere = temp.resolve("elsewhere.tif");
        SyntheticRaster.write(elsewhere, TestData.utm(3 * 224, 2 * 224, 640000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 90);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            items.add("{\"type\": \"Feature\", \"id\": \"i" + i + "\", \"properties\": {}, \"assets\": {\"visual\": "
                    + "{\"href\": \"https://example.org/" + i + ".tif\"}}}");
        }
        String thirteen = "{\"type\": \"FeatureCollection\", \"features\": [" + String.join(",", items) + "]}";
        Map<String, HttpResponse<String>> refused = Map.of(
                "mask", ogcApi(array(new Path[] {dates[0]}), array(new Path[] {half}), ""),
                "mask ", ogcApi(array(dates), array(new Path[] {masks[0], masks[1]}), ""),
                "raster", ogcApi(array(new Path[] {dates[0], elsewhere}), null, ""),
                "raster ", ogcApi("{\"value\": " + thirteen + ", \"mediaType\": \"application/geo+json\"}", null, ""),
                "maxMaskedFraction", ogcApi(array(new Path[] {dates[0]}), null, ", \"maxMaskedFraction\": 2"));
        for (Map.Entry<String, HttpResponse<String>> entry : refused.entrySet()) {
            HttpResponse<String> reply = entry.getValue();
            assertEquals(400, reply.statusCode(), entry.getKey() + ": " + reply.body());
        }
        assertTrue(refused.get("mask").body().contains("covers only"), refused.get("mask").body());
        assertTrue(refused.get("mask").body().contains("input 'mask'"), refused.get("mask").body());
        assertTrue(refused.get("mask ").body().contains("2 mask(s) for 3 raster(s)"), refused.get("mask ").body());
        assertTrue(refused.get("raster").body().contains("the scenes do not overlap"), refused.get("raster").body());
        assertTrue(refused.get("raster").body().contains("input 'raster'"), refused.get("raster").body());
        assertTrue(refused.get("raster ").body().contains("at most 12 dates"), refused.get("raster ").body());
        assertTrue(refused.get("maxMaskedFraction").body().contains("input 'maxMaskedFraction' must be between 0 and 1"),
                refused.get("maxMaskedFraction").body());
    }
}
