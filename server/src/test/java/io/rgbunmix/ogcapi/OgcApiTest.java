package io.rgbunmix.ogcapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OgcApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXCEPTIONS = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/";

    @TempDir
    Path temp;
    private ModelStore models;
    private RgbunmixServer server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    static Settings settings(String token, Settings.Jobs jobs) {
        return new Settings(null, new Settings.Server("127.0.0.1", 0, "work", 20L << 20, token), jobs, null, null);
    }

    void start(String token) throws Exception {
        start(token, null);
    }

    void start(String token, Settings.Jobs jobs) throws Exception {
        models = TestData.store();
        server = new RgbunmixServer(settings(token, jobs), temp.resolve("work"), models);
        base = "http://127.0.0.1:" + server.start();
    }

    @BeforeEach
    void startDefault() throws Exception {
        start("");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        models.close();
    }

    private record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }
    }

    private Reply get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET().build());
    }

    private Reply post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    private static void assertProblem(Reply reply, int status, String type) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        assertEquals("application/problem+json", reply.raw().headers().firstValue("Content-Type").orElseThrow());
        assertEquals(EXCEPTIONS + type, reply.json().get("type").asText(), reply.body());
        assertEquals(status, reply.json().get("status").asInt());
    }

    @Test
    void conformanceFixesEveryErrorIsAProblemAndPagesHaveLinks() throws Exception {
        // an unknown input name, or an unknown ancillary variable, never passes silently
        Reply typo = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\", \"mesage\": \"y\"}}");
        assertProblem(typo, 400, "invalid-parameter-value");
        assertTrue(typo.json().get("detail").asText().contains("'mesage'"), typo.body());
        Reply variable = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": {\"value\": \""
                + tiff() + "\", \"mediaType\": \"image/tiff\"}, \"ancillaryValues\": \""
                + TestData.ANCILLARY_TEXT.replace("slope", "slop") + "\"}}");
        assertProblem(variable, 400, "invalid-parameter-value");
        assertTrue(variable.json().get("detail").asText().contains("unknown ancillary variable 'slop'"), variable.body());
        // an input the process itself refuses (a 1-band raster) is the client's fault
        Path gray = temp.resolve("gray.tif");
        SyntheticRaster.write(gray, TestData.utm(448, 224, 300000, 4200000, 10), 1, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> 100);
        Reply refused = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": {\"value\": \""
                + Base64.getEncoder().encodeToString(Files.readAllBytes(gray)) + "\", \"mediaType\": \"image/tiff\"}, "
                + "\"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}");
        assertProblem(refused, 400, "invalid-parameter-value");
        assertTrue(refused.json().get("detail").asText().contains("band 2 asked for"), refused.body());
        // GET on an execution endpoint: 405, as a problem, with the method that is allowed
        Reply get = get("/processes/echo/execution");
        assertProblem(get, 405, "method-not-allowed");
        assertEquals("POST", get.raw().headers().firstValue("Allow").orElseThrow());
        // an encoded slash in a job id: a problem in JSON, never the server's HTML page
        Reply slash = get("/jobs/a%2Fb");
        assertEquals("application/problem+json", slash.raw().headers().firstValue("Content-Type").orElseThrow(),
                slash.body());
        assertTrue(slash.status() >= 400 && slash.status() < 500, slash.body());
        // /processes pages like /jobs
        JsonNode first = get("/processes?limit=1").json();
        assertEquals(1, first.get("processes").size());
        assertTrue(first.get("links").toString().contains("\"rel\":\"next\""), first.toString());
        JsonNode second = get("/processes?limit=1&offset=1").json();
        assertTrue(second.get("links").toString().contains("\"rel\":\"prev\""), second.toString());
        assertTrue(!first.get("processes").get(0).get("id").equals(second.get("processes").get(0).get("id")));
        assertEquals(ProcessDescriptions.all().size(), get("/processes").json().get("processes").size());
        assertProblem(get("/processes?limit=0"), 400, "invalid-parameter-value");
    }

    @Test
    void landingConformanceAndAValidOpenApiDocument() throws Exception {
        JsonNode landing = get("/").json();
        List<String> rels = new ArrayList<>();
        landing.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertTrue(rels.containsAll(List.of("self", "service-desc", "http://www.opengis.net/def/rel/ogc/1.0/conformance",
                "http://www.opengis.net/def/rel/ogc/1.0/processes", "http://www.opengis.net/def/rel/ogc/1.0/job-list")), rels.toString());
        String conformance = get("/conformance").body();
        for (String c : new String[] {"core", "ogc-process-description", "json", "oas30", "job-list", "dismiss"}) {
            assertTrue(conformance.contains("/ogcapi-processes-1/1.0/conf/" + c + "\""), c);
        }
        Reply api = get("/api");
        assertEquals("application/vnd.oai.openapi+json;version=3.0", api.raw().headers().firstValue("Content-Type").orElseThrow());
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.body(), null, null);
        assertTrue(parsed.getMessages().isEmpty(), "OpenAPI problems: " + parsed.getMessages());
        assertTrue(parsed.getOpenAPI().getPaths().containsKey("/processes/estimate-abundances/execution"));
        assertTrue(parsed.getOpenAPI().getPaths().containsKey("/jobs/{jobId}"));
        assertTrue(parsed.getOpenAPI().getPaths().get("/jobs/{jobId}").getDelete() != null);
    }

    @Test
    void processDescriptionsComeFromTheSameDescriptionAsWps() throws Exception {
        JsonNode list = get("/processes").json().get("processes");
        assertEquals(ProcessDescriptions.all().size(), list.size());
        JsonNode estimate = get("/processes/estimate-abundances").json();
        String wps = get("/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:EstimateAbundances").body();
        estimate.get("inputs").fieldNames().forEachRemaining(name ->
                assertTrue(wps.contains("<ows:Identifier>" + name + "</ows:Identifier>"), name));
        assertEquals(224, estimate.get("inputs").get("stride").get("schema").get("default").asInt());
        assertTrue(wps.contains("<ows:MaximumValue>224</ows:MaximumValue></ows:Range></ows:AllowedValues><DefaultValue>224"));
        List<String> rasterTypes = new ArrayList<>();
        estimate.get("inputs").get("raster").get("schema").get("oneOf")
                .forEach(alternative -> rasterTypes.add(alternative.get("contentMediaType").asText()));
        assertEquals(List.of("image/tiff", "image/jp2", "application/zip", "application/geo+json"), rasterTypes);
        assertEquals(1, estimate.get("inputs").get("raster").get("minOccurs").asInt());
        assertEquals(0, estimate.get("inputs").get("rescale").get("minOccurs").asInt());
        assertProblem(get("/processes/nothing"), 404, "no-such-process");
    }

    private String tiff() throws Exception {
        Path file = temp.resolve("in.tif");
        SyntheticRaster.write(file, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 100);
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    @Test
    void synchronousExecutionAnswersValuesLinksOrRawBytes() throws Exception {
        assertEquals("{\"echo\":\"hola\",\"length\":4,\"echoedDocument\":{\"value\":\"\",\"mediaType\":\"text/plain\"}}",
                post("/processes/echo/execution", "{\"inputs\": {\"message\": \"hola\"}}").body());
        Reply raw = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"hola\"}, \"outputs\": {\"echo\": {}},"
                + " \"response\": \"raw\"}");
        assertEquals("hola", raw.body());
        assertEquals("text/plain", raw.raw().headers().firstValue("Content-Type").orElseThrow());
        // raw with several outputs (no 'outputs' member: all of them): multipart/related, one part per output
        Reply both = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"hola\"}, \"response\": \"raw\"}");
        assertEquals(200, both.status(), both.body());
        String type = both.raw().headers().firstValue("Content-Type").orElseThrow();
        Matcher boundary = Pattern.compile("^multipart/related; boundary=\"([^\"]+)\"; type=\"text/plain\"$").matcher(type);
        assertTrue(boundary.find(), type);
        String[] parts = both.body().split("--" + Pattern.quote(boundary.group(1)));
        assertEquals("--\r\n", parts[parts.length - 1], "closing delimiter");
        assertEquals("\r\nContent-Type: text/plain\r\nContent-ID: <echo>\r\n\r\nhola\r\n", parts[1]);
        assertEquals("\r\nContent-Type: text/plain\r\nContent-ID: <length>\r\n\r\n4\r\n", parts[2]);

        String raster = "{\"value\": \"" + tiff() + "\", \"mediaType\": \"image/tiff\"}";
        Reply document = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": " + raster
                + ", \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\", \"level\": \"N2\"}}");
        assertEquals(200, document.status(), document.body());
        JsonNode results = document.json();
        assertEquals(2, results.get("result").get("features").size());
        String href = results.get("abundanceRaster").get("href").asText();
        assertTrue(href.matches(".*/jobs/[0-9a-f-]{36}/results/abundanceRaster"), href);
        Reply tif = get(href);
        assertEquals(200, tif.status());
        assertTrue(tif.raw().headers().firstValue("Content-Type").orElseThrow().startsWith("image/tiff"));

        Reply geojson = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": " + raster
                + ", \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}, \"outputs\": {\"result\": {\"format\": "
                + "{\"mediaType\": \"application/geo+json\"}}}, \"response\": \"raw\"}");
        assertEquals("FeatureCollection", geojson.json().get("type").asText());
    }

    @Test
    void ancillaryGeoJsonAsABareObjectOrAQualifiedValue() throws Exception {
        String features = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": "
                + "\"Polygon\", \"coordinates\": [[[-6, 37], [-4, 37], [-4, 39], [-6, 39], [-6, 37]]]}, \"properties\": "
                + "{\"evapotranspiration\": 700, \"precipitation\": 500, \"elevation\": 777, \"slope\": 10, \"temp_ave\": 14,"
                + " \"temp_max\": 20, \"temp_min\": 8}}]}";
        String raster = "{\"value\": \"" + tiff() + "\", \"mediaType\": \"image/tiff\"}";
        for (String ancillary : new String[] {features,
                "{\"value\": " + features + ", \"mediaType\": \"application/geo+json\"}"}) {
            Reply reply = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": " + raster
                    + ", \"ancillary\": " + ancillary + "}, \"outputs\": {\"result\": {}}, \"response\": \"raw\"}");
            assertEquals(200, reply.status(), reply.body());
            assertEquals(777, reply.json().get("features").get(0).get("properties").get("elevation").asInt());
        }
    }

    @Test
    void invalidRequestsAreProblemsNamingTheInput() throws Exception {
        Reply missing = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"stride\": 2}}");
        assertProblem(missing, 400, "invalid-parameter-value");
        assertTrue(missing.json().get("detail").asText().contains("'raster' is required"));
        Reply stride = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\", \"pause\": 9999}}");
        assertProblem(stride, 400, "invalid-parameter-value");
        assertTrue(stride.json().get("detail").asText().contains("'pause' must be between 0 and 600"));
        assertProblem(post("/processes/echo/execution", "{not json"), 400, "invalid-parameter-value");
        Reply href = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": {\"href\": "
                + "\"http://169.254.169.254/latest\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}");
        assertProblem(href, 400, "invalid-parameter-value");
        assertTrue(href.json().get("detail").asText().contains("metadata"), href.body());
        assertProblem(get("/jobs/" + UUID.randomUUID()), 404, "no-such-job");
        assertProblem(get("/jobs/not-a-job-id"), 404, "no-such-job");
        assertEquals(400, get("/jobs/..%2F..%2Fetc").status(), "the HTTP server refuses encoded path traversal itself");
        assertProblem(get("/jobs?limit=0"), 400, "invalid-parameter-value");
    }

    private static String id(Reply reply) throws Exception {
        return reply.json().get("jobID").asText();
    }

    @Test
    void asynchronousLifecycleWithProgressResultsAndDismiss() throws Exception {
        Reply accepted = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"later\", \"pause\": 1}}",
                "Prefer", "respond-async");
        assertEquals(201, accepted.status(), accepted.body());
        String location = accepted.raw().headers().firstValue("Location").orElseThrow();
        assertEquals(base + "/jobs/" + id(accepted), location);
        assertEquals("accepted", accepted.json().get("status").asText());
        assertProblem(get(location + "/results"), 404, "result-not-ready");
        JsonNode status = get(location).json();
        int maxProgress = 0;
        for (int i = 0; i < 100 && !status.get("status").asText().equals("successful"); i++) {
            Thread.sleep(50);
            status = get(location).json();
            maxProgress = Math.max(maxProgress, status.get("status").asText().equals("running")
                    ? status.get("progress").asInt() : 0);
        }
        assertEquals("successful", status.get("status").asText());
        assertTrue(maxProgress > 0, "progress was reported while running");
        assertEquals("{\"echo\":\"later\",\"length\":5,\"echoedDocument\":{\"value\":\"\",\"mediaType\":\"text/plain\"}}",
                get(location + "/results").body());

        Reply slow = post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\", \"pause\": 30}}",
                "Prefer", "respond-async");
        Reply dismissed = send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + id(slow))).DELETE().build());
        assertEquals(200, dismissed.status());
        assertEquals("dismissed", dismissed.json().get("status").asText());
        assertProblem(get("/jobs/" + id(slow)), 404, "no-such-job");
    }

    @Test
    void aFullPoolIsRefusedAsServerBusyBeforeTheBodyIsRead() throws Exception {
        stop();
        start("", new Settings.Jobs(1, 1, 1, 60L, 60L, 1.0));
        String slow = "{\"inputs\": {\"message\": \"x\", \"pause\": 5}}";
        assertEquals(201, post("/processes/echo/execution", slow, "Prefer", "respond-async").status());  // runs
        assertEquals(201, post("/processes/echo/execution", slow, "Prefer", "respond-async").status());  // waits
        Reply busy = post("/processes/echo/execution", "{not json", "Prefer", "respond-async");
        assertProblem(busy, 503, "server-busy");
        assertEquals("10", busy.raw().headers().firstValue("Retry-After").orElseThrow());
        // the synchronous pool is free: the same body is read, and found wanting
        assertProblem(post("/processes/echo/execution", "{not json"), 400, "invalid-parameter-value");
    }

    @Test
    void anAcceptedJobWithAnInlineRasterSurvivesARestartAndEndsUnderItsId() throws Exception {
        stop();
        start("", new Settings.Jobs(1, 1, 5, 60L, 60L, 1.0));
        String blocker = id(post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\", \"pause\": 60}}",
                "Prefer", "respond-async"));
        Reply accepted = post("/processes/estimate-abundances/execution", "{\"inputs\": {\"raster\": {\"value\": \""
                + tiff() + "\", \"mediaType\": \"image/tiff\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT
                + "\"}}", "Prefer", "respond-async");
        assertEquals(201, accepted.status(), accepted.body());
        String queued = id(accepted);
        stop();   // the server stops with the echo running and the estimate waiting for a worker

        start("", new Settings.Jobs(1, 1, 5, 60L, 60L, 1.0));
        assertEquals("accepted", get("/jobs/" + queued).json().get("status").asText(), "resumed, waiting its turn");
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/jobs/" + blocker)).DELETE().build()).status());
        String status = "";
        for (int i = 0; i < 300 && !status.equals("successful") && !status.equals("failed"); i++) {
            Thread.sleep(50);
            status = get("/jobs/" + queued).json().get("status").asText();
        }
        assertEquals("successful", status, get("/jobs/" + queued).body());
        JsonNode result = get("/jobs/" + queued + "/results").json();
        assertEquals(2, result.get("result").get("features").size(), result.toString());
    }

    @Test
    void jobListPagesAndJobsAreSharedWithWps() throws Exception {
        String ogcJob = id(post("/processes/echo/execution", "{\"inputs\": {\"message\": \"from OGC\", \"pause\": 0}}",
                "Prefer", "respond-async"));
        String wpsAnswer = get("/wps?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + URLEncoder.encode("message=from WPS", StandardCharsets.UTF_8) + "&storeExecuteResponse=true&status=true").body();
        Matcher m = Pattern.compile("executionId=([0-9a-f-]{36})").matcher(wpsAnswer);
        assertTrue(m.find(), wpsAnswer);
        String wpsJob = m.group(1);
        for (int i = 0; i < 100 && !get("/jobs/" + wpsJob).json().get("status").asText().equals("successful"); i++) {
            Thread.sleep(30);
        }
        JsonNode viaOgc = get("/jobs/" + wpsJob).json();
        assertEquals("echo", viaOgc.get("processID").asText());
        assertEquals("from WPS", get("/jobs/" + wpsJob + "/results").json().get("echo").asText());
        for (int i = 0; i < 100 && !get("/jobs/" + ogcJob).json().get("status").asText().equals("successful"); i++) {
            Thread.sleep(30);
        }
        String viaWps = get("/wps?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + ogcJob).body();
        assertTrue(viaWps.contains("<wps:ProcessSucceeded>")
                && viaWps.contains("<wps:LiteralData>from OGC</wps:LiteralData>"), viaWps);

        JsonNode page = get("/jobs?limit=1").json();
        assertEquals(1, page.get("jobs").size());
        assertTrue(page.get("links").toString().contains("\"rel\":\"next\""), page.toString());
        assertEquals(2, get("/jobs?limit=10").json().get("jobs").size());
    }

    @Test
    void aConfiguredTokenGuardsExecutionAndJobs() throws Exception {
        server.close();
        models.close();
        start("s3cret");
        assertEquals(200, get("/processes").status());
        assertEquals(401, post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\"}}").status());
        assertEquals(401, get("/jobs").status());
        assertEquals(200, post("/processes/echo/execution", "{\"inputs\": {\"message\": \"x\"}}",
                "Authorization", "Bearer s3cret").status());
        // the API document says so: a bearer scheme, on what needs it and only there, and still valid OpenAPI
        Reply api = get("/api");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(api.body(), null, null);
        assertTrue(parsed.getMessages().isEmpty(), "OpenAPI problems: " + parsed.getMessages());
        JsonNode document = api.json();
        JsonNode scheme = document.get("components").get("securitySchemes").get("rgbunmixAuth");
        assertEquals("http", scheme.get("type").asText());
        assertEquals("bearer", scheme.get("scheme").asText());
        JsonNode paths = document.get("paths");
        for (JsonNode guarded : List.of(paths.get("/jobs").get("get"), paths.get("/jobs/{jobId}").get("delete"),
                paths.get("/processes/echo/execution").get("post"), paths.get("/jobs/{jobId}/results/{outputId}").get("get"))) {
            assertEquals("[{\"rgbunmixAuth\":[]}]", guarded.get("security").toString(), guarded.toString());
            assertTrue(guarded.get("responses").has("401"));
        }
        for (String open : List.of("/", "/conformance", "/processes", "/api")) {
            assertTrue(paths.get(open).get("get").path("security").isMissingNode(), open);
        }
    }

    @Test
    void anOpenServersApiDocumentAsksNoToken() throws Exception {
        JsonNode document = get("/api").json();
        assertTrue(document.get("components").path("securitySchemes").isMissingNode(), document.get("components").toString());
        assertTrue(document.get("paths").get("/jobs").get("get").path("security").isMissingNode());
    }
}
