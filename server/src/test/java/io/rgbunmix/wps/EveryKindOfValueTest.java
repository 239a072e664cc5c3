package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The echo's list, bounding box and mixed-type document, sent in each protocol's own encoding (OGC API's arrays and
 * bbox objects, WPS 1.0.0's repeated inputs and wps:BoundingBoxData, WPS 2.0's ows:BoundingBox), reach the process
 * as the same values: each job's stored execution holds them, and they must be equal.
 */
class EveryKindOfValueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private static final String GEOJSON = "{\"type\": \"Point\", \"coordinates\": [-4.8, 37.9]}";

    @TempDir
    Path temp;
    private ModelStore models;
    private RgbunmixServer server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        models = TestData.store();
        server = new RgbunmixServer(TestServers.settings(Settings.DEFAULT.jobs(), ""), temp.resolve("work"), models);
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        models.close();
    }

    private HttpResponse<String> post(String path, String contentType, String body, boolean async) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (async) {
            request.header("Prefer", "respond-async");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String id(String body, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    /** The inputs a job's process received: its stored execution's literal texts, and its document's content. */
    private JsonNode received(String jobId) throws Exception {
        Path directory = temp.resolve("work").resolve("jobs").resolve(jobId);
        JsonNode inputs = JSON.readTree(directory.resolve("execution.json").toFile()).get("inputs");
        var received = JSON.createObjectNode();
        received.set("numbers", JSON.valueToTree(inputs.get("numbers").findValuesAsText("text")));
        received.put("box", inputs.get("box").get(0).get("text").asText());
        JsonNode document = inputs.get("document").get(0);
        received.put("documentType", document.get("mimeType").asText());
        received.set("document", JSON.readTree(directory.resolve("inputs").resolve(document.get("file").asText())
                .toFile()));
        return received;
    }

    @Test
    void eachProtocolsEncodingReachesTheProcessAsTheSameValues() throws Exception {
        HttpResponse<String> ogc = post("/processes/echo/execution", "application/json", "{\"inputs\": {"
                + "\"message\": \"x\", \"pause\": 0.3, \"numbers\": [1, 2, 3], \"box\": {\"bbox\": [-4.8, 37.8, -4.7, 37.9],"
                + " \"crs\": \"" + CRS84 + "\"}, \"document\": " + GEOJSON + "}}", true);
        assertEquals(201, ogc.statusCode(), ogc.body());
        JsonNode expected = received(id(ogc.body(), "\"jobID\"\\s*:\\s*\"([0-9a-f-]{36})\""));
        assertEquals("[\"1\",\"2\",\"3\"]", expected.get("numbers").toString());
        assertEquals("-4.8,37.8,-4.7,37.9," + CRS84, expected.get("box").asText());
        assertEquals("Point", expected.get("document").get("type").asText());

        String wps1 = "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>unmix:Echo</ows:Identifier><wps:DataInputs>"
                + "<wps:Input><ows:Identifier>pause</ows:Identifier><wps:Data><wps:LiteralData>0.3</wps:LiteralData>"
                + "</wps:Data></wps:Input>"
                + "<wps:Input><ows:Identifier>numbers</ows:Identifier><wps:Data><wps:LiteralData>1</wps:LiteralData>"
                + "</wps:Data></wps:Input><wps:Input><ows:Identifier>numbers</ows:Identifier><wps:Data><wps:LiteralData>"
                + "2</wps:LiteralData></wps:Data></wps:Input><wps:Input><ows:Identifier>numbers</ows:Identifier>"
                + "<wps:Data><wps:LiteralData>3</wps:LiteralData></wps:Data></wps:Input>"
                + "<wps:Input><ows:Identifier>box</ows:Identifier><wps:Data><wps:BoundingBoxData crs=\"" + CRS84
                + "\" dimensions=\"2\"><ows:LowerCorner>-4.8 37.8</ows:LowerCorner><ows:UpperCorner>-4.7 37.9"
                + "</ows:UpperCorner></wps:BoundingBoxData></wps:Data></wps:Input>"
                + "<wps:Input><ows:Identifier>document</ows:Identifier><wps:Data><wps:ComplexData mimeType="
                + "\"application/geo+json\"><![CDATA[" + GEOJSON + "]]></wps:ComplexData></wps:Data></wps:Input>"
                + "</wps:DataInputs><wps:ResponseForm><wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\">"
                + "<wps:Output><ows:Identifier>echo</ows:Identifier></wps:Output></wps:ResponseDocument></wps:ResponseForm>"
                + "</wps:Execute>";
        WpsSchemas.validate(wps1.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> one = post("/wps", "text/xml", wps1, false);
        assertEquals(expected, received(id(one.body(), "executionId=([0-9a-f-]{36})")), one.body());

        String wps2 = "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/2.0\" xmlns:ows=\"http://www.opengis.net/ows/"
                + "2.0\" service=\"WPS\" version=\"2.0.0\" mode=\"async\" response=\"document\"><ows:Identifier>unmix:Echo"
                + "</ows:Identifier><wps:Input id=\"pause\"><wps:Data>0.3</wps:Data></wps:Input>"
                + "<wps:Input id=\"numbers\"><wps:Data>1</wps:Data></wps:Input><wps:Input id=\"numbers\"><wps:Data>"
                + "<wps:LiteralValue>2</wps:LiteralValue></wps:Data></wps:Input><wps:Input id=\"numbers\"><wps:Data>3"
                + "</wps:Data></wps:Input><wps:Input id=\"box\"><wps:Data><ows:BoundingBox crs=\"" + CRS84 + "\">"
                + "<ows:LowerCorner>-4.8 37.8</ows:LowerCorner><ows:UpperCorner>-4.7 37.9</ows:UpperCorner>"
                + "</ows:BoundingBox></wps:Data></wps:Input><wps:Input id=\"document\"><wps:Data mimeType="
                + "\"application/geo+json\">" + GEOJSON + "</wps:Data></wps:Input><wps:Output id=\"echo\"/></wps:Execute>";
        Wps2Schemas.validate(wps2.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> two = post("/wps", "text/xml", wps2, false);
        assertEquals(expected, received(id(two.body(), "<wps:JobID>([0-9a-f-]{36})</wps:JobID>")), two.body());

        // WPS 1.0.0's KVP: the box in its own text form
        HttpResponse<String> kvp = get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                + "&storeExecuteResponse=true&status=true&DataInputs=" + URLEncoder.encode("pause=0.3;box=-4.8,37.8,-4.7,37.9,"
                + CRS84, StandardCharsets.UTF_8));
        String kvpJob = id(kvp.body(), "executionId=([0-9a-f-]{36})");
        JsonNode stored = JSON.readTree(temp.resolve("work").resolve("jobs").resolve(kvpJob).resolve("execution.json")
                .toFile());
        assertEquals(expected.get("box").asText(), stored.get("inputs").get("box").get(0).get("text").asText());
    }

    @Test
    void theMixedDocumentComesBackAsGivenAndWhatIsWrongIsRefusedAtItsInput() throws Exception {
        HttpResponse<String> text = post("/processes/echo/execution", "application/json",
                "{\"inputs\": {\"document\": \"teststring\"}, \"outputs\": {\"echoedDocument\": {}}, \"response\": \"raw\"}",
                false);
        assertEquals(200, text.statusCode(), text.body());
        assertEquals("teststring", text.body());
        HttpResponse<String> json = post("/processes/echo/execution", "application/json", "{\"inputs\": {\"document\": "
                + GEOJSON + "}, \"outputs\": {\"echoedDocument\": {\"format\": {\"mediaType\": \"application/geo+json\"}}}}",
                false);
        assertEquals(200, json.statusCode(), json.body());
        assertEquals("Point", JSON.readTree(json.body()).get("echoedDocument").get("type").asText(), json.body());
        // what a conformance suite sends to test refusals of a format: a value of no format the input takes
        for (String wrong : new String[] {"{\"type\": \"wrong/type_1\"}", "{\"type\": \"Planet\"}",
                "{\"bbox\": [1, 2, 3]}"}) {
            String input = wrong.contains("bbox") ? "box" : "document";
            HttpResponse<String> refused = post("/processes/echo/execution", "application/json", "{\"inputs\": {\""
                    + input + "\": " + wrong + "}}", false);
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("'" + input + "'"), "the input is named: " + refused.body());
        }
        // a conformance suite's box: a point, in a CRS the description does not name, is still a box
        HttpResponse<String> point = post("/processes/echo/execution", "application/json", "{\"inputs\": {\"box\": "
                + "{\"crs\": \"urn:ogc:def:crs:EPSG:6.6:4326\", \"bbox\": [345345345, 345345345, 345345345, 345345345]}}}",
                false);
        assertEquals(200, point.statusCode(), point.body());
        String box = get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs=box=3,0,1,1")
                .body();
        assertTrue(box.contains("locator=\"box\"") && box.contains("3 &gt; 1"), box);
    }

    @Test
    void theDescriptionsShowEachKind() throws Exception {
        JsonNode echo = JSON.readTree(get("/processes/echo").body());
        assertEquals("array", echo.at("/inputs/numbers/schema/type").asText());
        assertEquals("integer", echo.at("/inputs/numbers/schema/items/type").asText());
        assertEquals("ogc-bbox", echo.at("/inputs/box/schema/format").asText());
        assertEquals(2, echo.at("/inputs/document/schema/oneOf").size());
        assertEquals("text/plain", echo.at("/inputs/document/schema/oneOf/0/contentMediaType").asText());
        String wps1 = get("/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:Echo").body();
        assertTrue(wps1.contains("<BoundingBoxData><Default><CRS>" + CRS84 + "</CRS></Default>"), wps1);
        String wps2 = get("/wps?service=WPS&version=2.0.0&request=DescribeProcess&identifier=unmix:Echo").body();
        assertTrue(wps2.contains("<wps:SupportedCRS default=\"true\">" + CRS84 + "</wps:SupportedCRS>"), wps2);
    }
}
