package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WpsReferencesTest {
    @TempDir
    Path temp;
    private HttpServer data;
    private String dataUrl;
    private byte[] tiff;
    private ModelStore models;
    private RgbunmixServer server;
    private String wps;

    @BeforeEach
    void startDataServer() throws Exception {
        Path file = temp.resolve("in.tif");
        SyntheticRaster.write(file, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 100);
        tiff = Files.readAllBytes(file);
        data = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        data.createContext("/data/in.tif", exchange -> {
            exchange.sendResponseHeaders(200, tiff.length);
            exchange.getResponseBody().write(tiff);
            exchange.close();
        });
        data.createContext("/data/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        data.createContext("/data/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 40; i++) {
                exchange.getResponseBody().write(chunk);
            }
            exchange.close();
        });
        data.start();
        dataUrl = "http://127.0.0.1:" + data.getAddress().getPort();
    }

    void start(List<String> allow) throws Exception {
        models = TestData.store();
        server = new RgbunmixServer(TestServers.settings(Settings.DEFAULT.jobs(), "", allow), temp.resolve("work"), models);
        wps = "http://127.0.0.1:" + server.start() + "/wps";
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
            models.close();
        }
        data.stop(0);
    }

    private static String execute(String rasterInput, String ancillaryInput) {
        return "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:DataInputs>"
                + "<wps:Input><ows:Identifier>raster</ows:Identifier>" + rasterInput + "</wps:Input>"
                + "<wps:Input><ows:Identifier>" + ancillaryInput + "</wps:Input></wps:DataInputs><wps:ResponseForm>"
                + "<wps:RawDataOutput mimeType=\"application/json\"><ows:Identifier>result</ows:Identifier>"
                + "</wps:RawDataOutput></wps:ResponseForm></wps:Execute>";
    }

    private static String reference(String href) {
        return "<wps:Reference mimeType=\"image/tiff\" xlink:href=\"" + href + "\"/>";
    }

    private static final String VALUES = "ancillaryValues</ows:Identifier><wps:Data><wps:LiteralData>"
            + TestData.ANCILLARY_TEXT + "</wps:LiteralData></wps:Data>";

    private HttpResponse<String> post(String xml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wps))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(String href, String message) throws Exception {
        HttpResponse<String> response = post(execute(reference(href), VALUES));
        assertEquals(400, response.statusCode(), response.body());
        WpsSchemas.validate(response.body().getBytes(StandardCharsets.UTF_8));
        assertTrue(response.body().contains("locator=\"raster\"") && response.body().contains(message), response.body());
    }

    @Test
    void referencesAreOffByDefault() throws Exception {
        start(List.of());
        assertRefused(dataUrl + "/data/in.tif", "references to other servers are disabled on this server");
    }

    @Test
    void allowListedReferencesAreFetchedAndEverythingElseRefused() throws Exception {
        start(List.of(dataUrl + "/data/", "file:", "http://169.254.169.254/", "http://[fe80::1]/"));
        HttpResponse<String> ok = post(execute(reference(dataUrl + "/data/in.tif"), VALUES));
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(2, new ObjectMapper().readTree(ok.body()).get("features").size());

        assertRefused(dataUrl + "/elsewhere/in.tif", "is not on this server's allow-list");
        assertRefused("file:///etc/passwd", "only http and https references are accepted");
        assertRefused("http://169.254.169.254/latest/meta-data", "cloud metadata address");
        assertRefused("http://[fe80::1]/x.tif", "link-local or metadata address");
        assertRefused(dataUrl + "/data/moved", "redirects to a URL that is refused: 'http://169.254.169.254/latest/meta-data' names a cloud metadata address");
        assertRefused(dataUrl + "/data/huge", "is larger than the 1048576 bytes");
    }

    @Test
    void aNestedExecuteAgainstThisServerIsResolvedInProcess() throws Exception {
        start(List.of());
        // the ancillary features come out of a nested echo Execute: a chain of two processes
        String geojson = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"id\": \"all\", "
                + "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[-6, 37], [-4, 37], [-4, 39], [-6, 39], "
                + "[-6, 37]]]}, \"properties\": {\"evapotranspiration\": 700, \"precipitation\": 500, \"elevation\": 1000,"
                + " \"slope\": 10, \"temp_ave\": 14, \"temp_max\": 20, \"temp_min\": 8}}]}";
        String nested = "<wps:Reference mimeType=\"application/json\" method=\"POST\" xlink:href=\"" + wps + "\"><wps:Body>"
                + "<wps:Execute service=\"WPS\" version=\"1.0.0\"><ows:Identifier>unmix:Echo</ows:Identifier>"
                + "<wps:DataInputs><wps:Input><ows:Identifier>message</ows:Identifier><wps:Data><wps:LiteralData>"
                + geojson.replace("&", "&amp;").replace("<", "&lt;") + "</wps:LiteralData></wps:Data></wps:Input>"
                + "</wps:DataInputs><wps:ResponseForm><wps:RawDataOutput><ows:Identifier>echo</ows:Identifier>"
                + "</wps:RawDataOutput></wps:ResponseForm></wps:Execute></wps:Body></wps:Reference>";
        String inline = "<wps:Data><wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">"
                + Base64.getEncoder().encodeToString(tiff) + "</wps:ComplexData></wps:Data>";
        HttpResponse<String> response = post(execute(inline, "ancillary</ows:Identifier>" + nested));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode properties = new ObjectMapper().readTree(response.body()).get("features").get(0).get("properties");
        assertEquals(1000, properties.get("elevation").asDouble());
        assertEquals(700, properties.get("evapotranspiration").asDouble());
    }
}
