package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
import java.awt.image.DataBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WPS 2.0.2 against a running server: negotiated, described, and run synchronously and asynchronously with
 * GetStatus, GetResult and Dismiss, on the same job store as WPS 1.0.0. The requests are docs/wps.md's own, so the
 * page's copy-paste requests are shown to validate and to work; every answer validates against the WPS 2.0 schemas.
 */
class Wps2ServerTest {
    private static final Path PAGE = Path.of("docs/wps.md");
    private static final String EXECUTE = "<wps:Execute xmlns:wps=\"http://www.opengis.net/wps/2.0\" "
            + "xmlns:ows=\"http://www.opengis.net/ows/2.0\" service=\"WPS\" version=\"2.0.0\" ";

    @TempDir
    Path temp;
    private ModelStore models;
    private RgbunmixServer server;
    private String wps;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        models = TestData.store();
        server = new RgbunmixServer(TestServers.settings(Settings.DEFAULT.jobs(), ""), temp.resolve("work"), models);
        wps = "http://127.0.0.1:" + server.start() + "/wps";
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        models.close();
    }

    private record Reply(int status, String contentType, String body) {
    }

    private Reply get(String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(wps + "?" + query)).GET().build());
    }

    private Reply post(String xml) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(wps)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** A WPS 2.0 document (valid against the schemas) with the given HTTP status. */
    private static String valid(Reply reply, int status) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        Wps2Schemas.validate(reply.body().getBytes(StandardCharsets.UTF_8));
        return reply.body();
    }

    private static String exception(String body) {
        Matcher m = Pattern.compile("exceptionCode=\"([^\"]+)\"(?: locator=\"([^\"]*)\")?").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1) + (m.group(2) == null ? "" : "@" + m.group(2));
    }

    /** docs/wps.md's WPS 2.0 XML requests, by the file name each one's first line gives. */
    static Map<String, String> pageRequests() throws Exception {
        String page = Files.readString(PAGE);
        Matcher block = Pattern.compile("```xml\\n<!-- ([a-z-]+\\.xml)[^\\n]*-->\\n(.*?)```", Pattern.DOTALL)
                .matcher(page.substring(page.indexOf("\n# WPS 2.0.2")));
        Map<String, String> requests = new LinkedHashMap<>();
        while (block.find()) {
            requests.put(block.group(1), block.group(2));
        }
        return requests;
    }

    private static String jobId(String statusInfo) {
        Matcher m = Pattern.compile("<wps:JobID>([0-9a-f-]{36})</wps:JobID>").matcher(statusInfo);
        assertTrue(m.find(), statusInfo);
        return m.group(1);
    }

    @Test
    void thePagesRequestsAreValidWps2Requests() throws Exception {
        Map<String, String> requests = pageRequests();
        assertEquals(List.of("echo.xml", "echo-async.xml", "status.xml", "result.xml", "dismiss.xml", "estimate.xml"),
                new ArrayList<>(requests.keySet()));
        for (Map.Entry<String, String> request : requests.entrySet()) {
            Wps2Schemas.validate(request.getValue().replace("JOB-ID", "7d6f3a62-8a52-4f06-bc1e-6e3f0c1e2a10")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void versionsAreNegotiatedAndProcessesDescribed() throws Exception {
        String capabilities = valid(get("service=WPS&request=GetCapabilities&AcceptVersions=2.0.0,1.0.0"), 200);
        assertTrue(capabilities.contains("<ows:Identifier>unmix:Echo</ows:Identifier>"), capabilities);
        assertTrue(capabilities.contains("jobControlOptions=\"sync-execute async-execute dismiss\""), capabilities);
        valid(get("service=WPS&version=2.0.0&request=GetCapabilities"), 200);
        valid(post("<wps:GetCapabilities xmlns:wps=\"http://www.opengis.net/wps/2.0\" service=\"WPS\"/>"), 200);
        // no version named: WPS 1.0.0, as before
        WpsSchemas.validate(get("service=WPS&request=GetCapabilities").body().getBytes(StandardCharsets.UTF_8));

        String offerings = valid(get("service=WPS&version=2.0.0&request=DescribeProcess"
                + "&identifier=unmix:Echo,unmix:EstimateAbundances"), 200);
        assertEquals(2, offerings.split("<wps:ProcessOffering ").length - 1, offerings);
        valid(post("<wps:DescribeProcess xmlns:wps=\"http://www.opengis.net/wps/2.0\" xmlns:ows="
                + "\"http://www.opengis.net/ows/2.0\" service=\"WPS\" version=\"2.0.0\"><ows:Identifier>unmix:Echo"
                + "</ows:Identifier></wps:DescribeProcess>"), 200);
        assertEquals("NoSuchProcess@Identifier", exception(valid(get("service=WPS&version=2.0.0&request=DescribeProcess"
                + "&identifier=unmix:Nothing"), 400)));
        assertEquals("OperationNotSupported@request", exception(valid(get("service=WPS&version=2.0.0"
                + "&request=Execute&identifier=unmix:Echo"), 400)));
        // an XML request's namespace is its version: a version attribute that says otherwise is refused, in its words
        assertEquals("InvalidParameterValue@version", exception(valid(post(pageRequests().get("echo.xml")
                .replace("version=\"2.0.0\"", "version=\"1.0.0\"")), 400)));
    }

    @Test
    void synchronousExecuteAsDocumentAndRaw() throws Exception {
        String echo = pageRequests().get("echo.xml");
        String result = valid(post(echo), 200);
        assertTrue(result.contains("<wps:Output id=\"echo\"><wps:Data mimeType=\"text/plain\"><wps:LiteralValue>hola"
                + "</wps:LiteralValue></wps:Data></wps:Output>"), result);
        assertTrue(result.contains("<wps:LiteralValue>4</wps:LiteralValue>"), result);
        Reply raw = post(echo.replace("response=\"document\"", "response=\"raw\"")
                .replace("  <wps:Output id=\"length\" transmission=\"value\"/>\n", ""));
        assertEquals(200, raw.status(), raw.body());
        assertEquals("hola", raw.body());
        assertTrue(raw.contentType().startsWith("text/plain"), raw.contentType());
        assertEquals("InvalidParameterValue@response", exception(valid(post(echo.replace("response=\"document\"",
                "response=\"raw\"")), 400)));
        // mode="auto": the server's choice, synchronous
        assertTrue(valid(post(echo.replace("mode=\"sync\"", "mode=\"auto\"")), 200).contains("<wps:Result"));
    }

    @Test
    void asynchronousExecuteWithStatusResultAndDismissOnTheOneJobStore() throws Exception {
        Map<String, String> page = pageRequests();
        String accepted = valid(post(page.get("echo-async.xml")), 200);
        assertTrue(accepted.contains("<wps:Status>Accepted</wps:Status>") || accepted.contains("<wps:Status>Running"),
                accepted);
        String id = jobId(accepted);
        String notReady = valid(post(page.get("result.xml").replace("JOB-ID", id)), 400);
        assertEquals("ResultNotReady@JobID", exception(notReady));
        String status = valid(post(page.get("status.xml").replace("JOB-ID", id)), 200);
        for (int i = 0; i < 200 && !status.contains("<wps:Status>Succeeded"); i++) {
            assertTrue(!status.contains("Running") || status.contains("<wps:PercentCompleted>"), status);
            assertTrue(status.contains("<wps:NextPoll>"), status);
            Thread.sleep(50);
            status = valid(get("service=WPS&version=2.0.0&request=GetStatus&jobId=" + id), 200);
        }
        assertTrue(status.contains("<wps:Status>Succeeded</wps:Status><wps:ExpirationDate>"), status);
        String result = valid(post(page.get("result.xml").replace("JOB-ID", id)), 200);
        Matcher href = Pattern.compile("<wps:Output id=\"echo\"><wps:Reference xlink:href=\"([^\"]+)\"").matcher(result);
        assertTrue(href.find(), result);
        assertEquals("later", send(HttpRequest.newBuilder(URI.create(href.group(1).replace("&amp;", "&"))).build()).body());
        // the same job in WPS 1.0.0, whose status honours the reference asked for in WPS 2.0
        String v1 = get("service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + id).body();
        WpsSchemas.validate(v1.getBytes(StandardCharsets.UTF_8));
        assertTrue(v1.contains("<wps:ProcessSucceeded>") && v1.contains("<wps:Reference href="), v1);

        String dismissed = valid(post(page.get("dismiss.xml").replace("JOB-ID", id)), 200);
        assertTrue(dismissed.contains("<wps:Status>Dismissed</wps:Status>"), dismissed);
        assertEquals("NoSuchJob@JobID", exception(valid(get("service=WPS&version=2.0.0&request=GetStatus&jobId=" + id),
                400)));
        assertEquals("NoSuchJob@JobID", exception(valid(post(page.get("dismiss.xml").replace("JOB-ID", id)), 400)));

        // a job dismissed while it runs stops, and is gone
        String running = jobId(valid(post(page.get("echo-async.xml").replace("<wps:LiteralValue>2<",
                "<wps:LiteralValue>30<")), 200));
        assertTrue(valid(get("service=WPS&version=2.0.0&request=Dismiss&jobId=" + running), 200)
                .contains("<wps:Status>Dismissed</wps:Status>"));
        assertEquals("NoSuchJob@JobID", exception(valid(get("service=WPS&request=GetResult&jobId=" + running), 400)));
    }

    @Test
    void refusalsAreWps2ExceptionReportsNamingTheInput() throws Exception {
        String echo = pageRequests().get("echo.xml");
        assertEquals("WrongInputData@pause", exception(valid(post(echo.replace("</wps:Input>",
                "</wps:Input><wps:Input id=\"pause\"><wps:Data>soon</wps:Data></wps:Input>")), 400)));
        assertEquals("NoSuchInput@colour", exception(valid(post(echo.replace("</wps:Input>",
                "</wps:Input><wps:Input id=\"colour\"><wps:Data>red</wps:Data></wps:Input>")), 400)));
        assertEquals("NoSuchOutput@shout", exception(valid(post(echo.replace("id=\"length\"", "id=\"shout\"")), 400)));
        assertEquals("MissingParameterValue@raster", exception(valid(post(EXECUTE + "mode=\"sync\" response=\"document\">"
                + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:Input id=\"level\"><wps:Data>N2"
                + "</wps:Data></wps:Input><wps:Output id=\"result\"/></wps:Execute>"), 400)));
        assertEquals("NoSuchMode@mode", exception(valid(post(echo.replace("mode=\"sync\"", "mode=\"later\"")), 400)));
        assertEquals("NoSuchJob@JobID", exception(valid(get("service=WPS&version=2.0.0&request=GetStatus"
                + "&jobId=../../etc"), 400)));
        // a reference to a host that is not on the allow-list (empty here) is refused before any download
        String estimate = valid(post(pageRequests().get("estimate.xml")), 400);
        assertEquals("WrongInputData@raster", exception(estimate));
        assertTrue(estimate.contains("references.allow"), estimate);
    }

    @Test
    void abundancesOfAnInlineGeoTiffAsDocumentAndByReference() throws Exception {
        Path file = temp.resolve("in.tif");
        SyntheticRaster.write(file, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 80 + x / 224 * 40);
        String request = EXECUTE + "mode=\"sync\" response=\"document\"><ows:Identifier>unmix:EstimateAbundances"
                + "</ows:Identifier><wps:Input id=\"raster\"><wps:Data mimeType=\"image/tiff\" encoding=\"base64\">"
                + Base64.getEncoder().encodeToString(Files.readAllBytes(file)) + "</wps:Data></wps:Input>"
                + "<wps:Input id=\"ancillaryValues\"><wps:Data>" + TestData.ANCILLARY_TEXT + "</wps:Data></wps:Input>"
                + "<wps:Output id=\"result\" mimeType=\"application/json\" transmission=\"value\"/>"
                + "<wps:Output id=\"abundanceRaster\" transmission=\"reference\"/></wps:Execute>";
        Wps2Schemas.validate(request.getBytes(StandardCharsets.UTF_8));
        String result = valid(post(request), 200);
        Matcher json = Pattern.compile("<wps:Output id=\"result\"><wps:Data mimeType=\"application/json\"><!\\[CDATA\\["
                + "(.*?)]]>", Pattern.DOTALL).matcher(result);
        assertTrue(json.find(), result);
        var features = new ObjectMapper().readTree(json.group(1)).get("features");
        assertEquals(2, features.size());
        double[] expected = TestData.abundance(Level.N1, 120, 120, 120, TestData.ANCILLARY);
        assertEquals(expected[0] * 100, features.get(1).get("properties").get("artificial").asDouble(), 2e-4);
        Matcher href = Pattern.compile("<wps:Output id=\"abundanceRaster\"><wps:Reference xlink:href=\"([^\"]+)\" "
                + "mimeType=\"image/tiff\"").matcher(result);
        assertTrue(href.find(), result);
        HttpResponse<byte[]> tif = http.send(HttpRequest.newBuilder(URI.create(href.group(1).replace("&amp;", "&")))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("II", new String(tif.body(), 0, 2, StandardCharsets.US_ASCII), "a little-endian TIFF");
    }
}
