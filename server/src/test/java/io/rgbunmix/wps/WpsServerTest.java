package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.GmlFeatures;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.RgbunmixServer;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WpsServerTest {
    private static final String EXECUTE = "<wps:Execute service=\"WPS\" version=\"1.0.0\" "
            + "xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\" "
            + "xmlns:xlink=\"http://www.w3.org/1999/xlink\">";

    @TempDir
    Path temp;
    private ModelStore models;
    private RgbunmixServer server;
    private String wps;
    private final HttpClient http = HttpClient.newHttpClient();

    void start(Settings.Jobs jobs, String token) throws Exception {
        models = TestData.store();
        server = new RgbunmixServer(TestServers.settings(jobs, token), temp.resolve("work"), models);
        wps = "http://127.0.0.1:" + server.start() + "/wps";
    }

    @BeforeEach
    void startDefault() throws Exception {
        start(Settings.DEFAULT.jobs(), "");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        models.close();
    }

    private record Reply(int status, String body, HttpResponse<byte[]> raw) {
    }

    private Reply get(String query) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(query.startsWith("http") ? query : wps + "?" + query)).GET().build());
    }

    private Reply post(String xml) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(wps)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), response);
    }

    /** A valid document (checked against the schemas) with the given HTTP status. */
    private static String valid(Reply reply, int status) throws Exception {
        assertEquals(status, reply.status(), reply.body());
        WpsSchemas.validate(reply.body().getBytes(StandardCharsets.UTF_8));
        return reply.body();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void capabilitiesAndDescriptionsOnWpsAndOws() throws Exception {
        assertTrue(valid(get("service=WPS&request=GetCapabilities"), 200).contains("<ows:Identifier>unmix:Echo"));
        assertTrue(valid(get(wps.replace("/wps", "/ows") + "?SERVICE=wps&REQUEST=getcapabilities"), 200)
                .contains("wps:Capabilities"));
        String description = valid(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:EstimateAbundances"), 200);
        assertTrue(description.contains("<ows:Identifier>abundanceRaster</ows:Identifier>"), description);
        assertTrue(valid(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL"), 200).contains("unmix:Echo"));
    }

    @Test
    void badRequestsGetExceptionReportsWithCodeAndLocator() throws Exception {
        String noService = valid(get("request=GetCapabilities"), 400);
        assertTrue(noService.contains("exceptionCode=\"MissingParameterValue\" locator=\"service\""), noService);
        assertTrue(valid(get("service=WPS&request=Fly"), 400).contains("exceptionCode=\"OperationNotSupported\" locator=\"request\""));
        assertTrue(valid(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:Nothing"), 400)
                .contains("exceptionCode=\"InvalidParameterValue\" locator=\"Identifier\""));
        assertTrue(valid(get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:EstimateAbundances"
                + "&DataInputs=level=N1"), 400).contains("exceptionCode=\"MissingParameterValue\" locator=\"raster\""));
        assertTrue(valid(get("service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=..%2F..%2Fetc"), 400)
                .contains("locator=\"executionId\""));
        String unknown = valid(get("service=WPS&version=1.0.0&request=GetExecutionStatus&executionId="
                + UUID.randomUUID()), 400);
        assertTrue(unknown.contains("unknown execution"), unknown);
    }

    @Test
    void versionsThisServerDoesNotSpeakAndBodiesThatAreNoRequestAreRefused() throws Exception {
        String negotiation = valid(get("service=WPS&request=GetCapabilities&AcceptVersions=3.0.0"), 400);
        assertTrue(negotiation.contains("exceptionCode=\"VersionNegotiationFailed\" locator=\"AcceptVersions\""),
                negotiation);
        assertTrue(valid(get("service=WPS&request=GetCapabilities&AcceptVersions=3.0.0,1.0.0,2.0.0"), 200)
                .contains("version=\"1.0.0\""), "the first version the server speaks");
        String describe = valid(get("service=WPS&version=9.9.9&request=DescribeProcess&identifier=unmix:Echo"), 400);
        assertTrue(describe.contains("exceptionCode=\"InvalidParameterValue\" locator=\"version\""), describe);
        String xmlCapabilities = valid(post("<wps:GetCapabilities service=\"WPS\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:AcceptVersions><ows:Version>3.0.0</ows:Version>"
                + "</ows:AcceptVersions></wps:GetCapabilities>"), 400);
        assertTrue(xmlCapabilities.contains("VersionNegotiationFailed"), xmlCapabilities);
        String xmlDescribe = valid(post("<wps:DescribeProcess service=\"WPS\" version=\"9.9.9\" "
                + "xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\">"
                + "<ows:Identifier>unmix:Echo</ows:Identifier></wps:DescribeProcess>"), 400);
        assertTrue(xmlDescribe.contains("locator=\"version\""), xmlDescribe);
        for (String body : new String[] {"", "service=WPS&request=GetCapabilities", "{\"not\": \"xml\"}"}) {
            Reply reply = send(HttpRequest.newBuilder(URI.create(wps + "?service=WPS&request=GetCapabilities"))
                    .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build());
            String report = valid(reply, 400);
            assertTrue(report.contains("<ows:ExceptionReport"), "'" + body + "': " + report);
        }
    }

    @Test
    void xmlWithADoctypeIsRefusedSoNeitherXxeNorBillionLaughsRun() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + EXECUTE + "<ows:Identifier>&x;</ows:Identifier></wps:Execute>";
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>" + EXECUTE + "<ows:Identifier>&c;</ows:Identifier></wps:Execute>";
        for (String attack : new String[] {xxe, laughs}) {
            String report = valid(post(attack), 400);
            assertTrue(report.contains("XML with a DOCTYPE declaration is not accepted"), report);
            assertTrue(!report.contains("root:"), "no file content leaks");
        }
    }

    @Test
    void synchronousKvpExecuteOfEcho() throws Exception {
        String response = valid(get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=hola mundo")), 200);
        assertTrue(response.contains("<wps:ProcessSucceeded>"), response);
        assertTrue(response.contains("<wps:LiteralData>hola mundo</wps:LiteralData>"), response);
        assertTrue(response.contains("<wps:LiteralData>10</wps:LiteralData>"), response);
        Reply raw = get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs=message=x"
                + "&RawDataOutput=length");
        assertEquals("1", raw.body());
    }

    private String estimateXml(String base64Tiff, String extra, String form) {
        return EXECUTE + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:DataInputs>"
                + "<wps:Input><ows:Identifier>raster</ows:Identifier><wps:Data><wps:ComplexData mimeType=\"image/tiff\" "
                + "encoding=\"base64\">" + base64Tiff + "</wps:ComplexData></wps:Data></wps:Input>"
                + "<wps:Input><ows:Identifier>ancillaryValues</ows:Identifier><wps:Data><wps:LiteralData>"
                + TestData.ANCILLARY_TEXT + "</wps:LiteralData></wps:Data></wps:Input>" + extra
                + "</wps:DataInputs><wps:ResponseForm>" + form + "</wps:ResponseForm></wps:Execute>";
    }

    private String raster() throws Exception {
        Path file = temp.resolve("in.tif");
        SyntheticRaster.write(file, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 80 + x / 224 * 40);
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    @Test
    void xmlExecuteWithABase64GeoTiffAsRawOutputAndAsDocument() throws Exception {
        String tiff = raster();
        Reply raw = post(estimateXml(tiff, "", "<wps:RawDataOutput mimeType=\"application/json\">"
                + "<ows:Identifier>result</ows:Identifier></wps:RawDataOutput>"));
        assertEquals(200, raw.status(), raw.body());
        assertEquals("application/json", raw.raw().headers().firstValue("Content-Type").orElseThrow());
        JsonNode features = new ObjectMapper().readTree(raw.body()).get("features");
        assertEquals(2, features.size());
        double[] expected = TestData.abundance(Level.N1, 120, 120, 120, TestData.ANCILLARY);
        assertEquals(expected[0] * 100, features.get(1).get("properties").get("artificial").asDouble(), 2e-4);

        String document = valid(post(estimateXml(tiff, "", "<wps:ResponseDocument><wps:Output>"
                + "<ows:Identifier>result</ows:Identifier></wps:Output><wps:Output asReference=\"true\">"
                + "<ows:Identifier>abundanceRaster</ows:Identifier></wps:Output></wps:ResponseDocument>")), 200);
        assertTrue(document.contains("<wps:ComplexData mimeType=\"application/json\"><![CDATA[{\"type\":\"FeatureCollection\""),
                document);
        Matcher href = Pattern.compile("<wps:Reference href=\"([^\"]+)\" mimeType=\"image/tiff\"").matcher(document);
        assertTrue(href.find(), document);
        Reply tif = get(href.group(1).replace("&amp;", "&"));
        assertEquals(200, tif.status());
        assertEquals("II", tif.body().substring(0, 2), "a little-endian TIFF");
    }

    @Test
    void invalidLiteralInXmlIsAClientErrorLocatedAtTheInput() throws Exception {
        String report = valid(post(estimateXml(raster(), "<wps:Input><ows:Identifier>stride</ows:Identifier><wps:Data>"
                + "<wps:LiteralData>0</wps:LiteralData></wps:Data></wps:Input>", "")), 400);
        assertTrue(report.contains("exceptionCode=\"InvalidParameterValue\" locator=\"stride\""), report);
    }

    /** A GeoTIFF of the given size, bands, sample type and pixel size, base64. */
    private String tiff(int width, int height, int bands, int type, double pixel) throws Exception {
        Path file = temp.resolve("case-" + UUID.randomUUID() + ".tif");
        SyntheticRaster.write(file, TestData.utm(width, height, 300000, 4200000, pixel), bands, type, Double.NaN,
                (x, y, b) -> 90);
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    private String withAncillaryJson(String tiff, String geoJson, String extra) {
        return estimateXml(tiff, extra, "").replace("<wps:Input><ows:Identifier>ancillaryValues</ows:Identifier>"
                        + "<wps:Data><wps:LiteralData>" + TestData.ANCILLARY_TEXT + "</wps:LiteralData></wps:Data></wps:Input>",
                "<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData "
                        + "mimeType=\"application/json\"><![CDATA[" + geoJson + "]]></wps:ComplexData></wps:Data></wps:Input>");
    }

    private static final String FAR_AWAY = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[150,-30]},\"properties\":{\"evapotranspiration\":1,"
            + "\"precipitation\":1,\"elevation\":1,\"slope\":1,\"temp_ave\":1,\"temp_max\":1,\"temp_min\":1}}]}";

    /** Input problems only the process finds (issue: they were 500 NoApplicableCode). */
    @Test
    void inputsTheProcessRefusesAreClientErrorsLocatedAtTheInput() throws Exception {
        record Case(String body, String locator, String says) {
        }
        String good = tiff(448, 224, 3, DataBuffer.TYPE_BYTE, 10);
        String stride = "<wps:Input><ows:Identifier>bands</ows:Identifier><wps:Data><wps:LiteralData>%s"
                + "</wps:LiteralData></wps:Data></wps:Input>";
        var cases = java.util.List.of(
                new Case(estimateXml(tiff(448, 224, 1, DataBuffer.TYPE_BYTE, 10), "", ""), "bands",
                        "band 2 asked for, but the raster has 1 band"),
                new Case(estimateXml(tiff(448, 224, 3, DataBuffer.TYPE_USHORT, 10), "", ""), "rescale",
                        "samples are 16-bit unsigned"),
                new Case(estimateXml(tiff(100, 100, 3, DataBuffer.TYPE_BYTE, 10), "", ""), "raster",
                        "smaller than one 224 x 224 window"),
                new Case(estimateXml(tiff(448, 224, 3, DataBuffer.TYPE_BYTE, 1000), "", ""), "raster",
                        "the model expects 10 m"),
                new Case(estimateXml(good, String.format(stride, "4,5,6"), ""), "bands",
                        "band 4 asked for, but the raster has 3 band"),
                new Case(withAncillaryJson(good, FAR_AWAY, ""), "ancillary", "no window could be processed"),
                new Case(withAncillaryJson(good, FAR_AWAY.replace("\"slope\":1,", ""), ""), "ancillary",
                        "missing ancillary attribute 'slope'"),
                new Case(withAncillaryJson(good, "{\"type\":\"FeatureCollection\",\"features\":[", ""), "ancillary",
                        "not valid JSON"));
        for (Case c : cases) {
            String report = valid(post(c.body()), 400);
            assertTrue(report.contains("exceptionCode=\"InvalidParameterValue\" locator=\"" + c.locator() + "\""),
                    c.says() + ": " + report);
            assertTrue(report.contains(c.says()), report);
            String text = report.substring(report.indexOf("<ows:ExceptionText>") + 19, report.indexOf("</ows:ExceptionText>"));
            for (String internal : new String[] {"Exception", "input-", ".dat", "/tmp", "fasterxml", "REDACTED"}) {
                assertTrue(!text.contains(internal), "no internals (" + internal + "): " + text);
            }
        }
        // The same refusal, asynchronously: the final status says which input, with the same code.
        String accepted = valid(post(estimateXml(tiff(448, 224, 1, DataBuffer.TYPE_BYTE, 10), "",
                "<wps:ResponseDocument storeExecuteResponse=\"true\" status=\"true\"/>")), 200);
        String location = statusLocation(accepted);
        String status = "";
        for (int i = 0; i < 100 && !status.contains("ProcessFailed"); i++) {
            Thread.sleep(50);
            status = valid(get(location), 200);
        }
        assertTrue(status.contains("exceptionCode=\"InvalidParameterValue\" locator=\"bands\""), status);
    }

    private static String statusLocation(String response) {
        Matcher m = Pattern.compile("statusLocation=\"([^\"]+)\"").matcher(response);
        assertTrue(m.find(), response);
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void asynchronousExecuteIsFollowedThroughItsStatusLocation() throws Exception {
        String accepted = valid(get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=later;pause=0.6") + "&storeExecuteResponse=true&status=true"), 200);
        assertTrue(accepted.contains("<wps:ProcessAccepted>"), accepted);
        String location = statusLocation(accepted);
        String status = "";
        boolean sawStarted = false;
        for (int i = 0; i < 100 && !status.contains("ProcessSucceeded"); i++) {
            status = valid(get(location), 200);
            sawStarted |= status.contains("<wps:ProcessStarted percentCompleted=");
            Thread.sleep(50);
        }
        assertTrue(sawStarted, "progress was visible while running");
        assertTrue(status.contains("<wps:ProcessSucceeded>"), status);
        // WPS 1.0.0: asReference decides, not storeExecuteResponse; inline is the default.
        assertTrue(status.contains("<wps:LiteralData>later</wps:LiteralData>"), status);
        assertTrue(!status.contains("<wps:Reference"), status);

        String byReference = valid(get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=kept") + "&ResponseDocument=" + encode("echo@asReference=true;length")
                + "&storeExecuteResponse=true&status=true"), 200);
        String done = "";
        for (int i = 0; i < 100 && !done.contains("ProcessSucceeded"); i++) {
            Thread.sleep(30);
            done = valid(get(statusLocation(byReference)), 200);
        }
        Matcher href = Pattern.compile("<wps:Reference href=\"([^\"]+outputId=echo.txt)\"").matcher(done);
        assertTrue(href.find(), done);
        assertEquals("kept", get(href.group(1).replace("&amp;", "&")).body());
        assertTrue(done.contains("<wps:LiteralData>4</wps:LiteralData>"), "length inline: " + done);
    }

    @Test
    void dismissWhileRunning() throws Exception {
        String accepted = valid(get("service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=x;pause=30") + "&storeExecuteResponse=true&status=true"), 200);
        String id = statusLocation(accepted).replaceAll(".*executionId=", "");
        String dismissed = valid(get("service=WPS&version=1.0.0&request=Dismiss&executionId=" + id), 200);
        assertTrue(dismissed.contains("<wps:ProcessFailed>") && dismissed.contains("dismissed"), dismissed);
        assertTrue(valid(get(statusLocation(accepted)), 400).contains("unknown execution"));
    }

    @Test
    void aFullQueueAnswersServerBusyWith503() throws Exception {
        server.close();
        models.close();
        start(new Settings.Jobs(1, 1, 1, 60L, 60L, 1.0), "");
        String request = "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=x;pause=5") + "&storeExecuteResponse=true&status=true";
        valid(get(request), 200);   // runs
        valid(get(request), 200);   // waits
        Reply busy = get(request);
        assertTrue(valid(busy, 503).contains("exceptionCode=\"ServerBusy\""), busy.body());
        assertEquals("10", busy.raw().headers().firstValue("Retry-After").orElseThrow());

        // with both pools full, an Execute is refused before its body is parsed: a broken body gets
        // ServerBusy, not a parsing error (which it gets while the synchronous pool has room)
        String broken = EXECUTE + "<ows:Identifier>unmix:Echo</ows:Identifier><wps:DataInputs><broken";
        String parsed = valid(post(broken), 400);
        assertTrue(parsed.contains("not well-formed XML"), parsed);
        String sync = "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + encode("message=x;pause=5");
        http.sendAsync(HttpRequest.newBuilder(URI.create(wps + "?" + sync)).GET().build(), HttpResponse.BodyHandlers.discarding());
        http.sendAsync(HttpRequest.newBuilder(URI.create(wps + "?" + sync)).GET().build(), HttpResponse.BodyHandlers.discarding());
        Reply refused = post(broken);
        for (int i = 0; i < 100 && refused.status() != 503; i++) {
            Thread.sleep(50);
            refused = post(broken);
        }
        assertTrue(valid(refused, 503).contains("exceptionCode=\"ServerBusy\""), refused.body());
    }

    @Test
    void oversizeBodiesAreRefusedWithFileSizeExceeded() throws Exception {
        String big = EXECUTE + "<ows:Identifier>unmix:Echo</ows:Identifier><!--" + "x".repeat(3 << 20) + "--></wps:Execute>";
        String report = valid(post(big), 400);
        assertTrue(report.contains("exceptionCode=\"FileSizeExceeded\""), report);
    }

    @Test
    void rastersBeyondTheLimitsAreRefusedBeforeAnyJob() throws Exception {
        Path file = temp.resolve("large.tif");
        SyntheticRaster.write(file, TestData.utm(8 * 224, 8 * 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 100);
        String tiff = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        String report = valid(post(estimateXml(tiff, "", "")), 400);
        assertTrue(report.contains("locator=\"stride\"") && report.contains("gives 64 windows; this server accepts at "
                + "most 50"), report);
    }

    @Test
    void aConfiguredTokenGuardsExecutionButNotDiscovery() throws Exception {
        server.close();
        models.close();
        start(Settings.DEFAULT.jobs(), "s3cret");
        valid(get("service=WPS&request=GetCapabilities"), 200);
        valid(get("service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL"), 200);
        String execute = "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs=message=x";
        Reply refused = get(execute);
        assertTrue(valid(refused, 401).contains("bearer token"), refused.body());
        assertEquals("Bearer", refused.raw().headers().firstValue("WWW-Authenticate").orElseThrow());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(wps + "?" + execute))
                .header("Authorization", "Bearer wrong").GET().build()).status());
        Reply allowed = send(HttpRequest.newBuilder(URI.create(wps + "?" + execute))
                .header("Authorization", "Bearer s3cret").GET().build());
        assertTrue(valid(allowed, 200).contains("ProcessSucceeded"));
        assertEquals(401, post(EXECUTE + "<ows:Identifier>unmix:Echo</ows:Identifier></wps:Execute>").status());
    }

    @Test
    void gmlAncillaryInlineAsXmlAndAGml3Result() throws Exception {
        String props = "<s:evapotranspiration>700</s:evapotranspiration><s:precipitation>500</s:precipitation>"
                + "<s:elevation>1234</s:elevation><s:slope>10</s:slope><s:temp_ave>14</s:temp_ave>"
                + "<s:temp_max>20</s:temp_max><s:temp_min>8</s:temp_min>";
        String gml = "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:gml=\"http://www.opengis.net/gml\" "
                + "xmlns:s=\"http://example.org/s\"><gml:featureMember><s:zone fid=\"z1\"><s:g><gml:Polygon "
                + "srsName=\"EPSG:32630\"><gml:outerBoundaryIs><gml:LinearRing><gml:coordinates>290000,4190000 "
                + "320000,4190000 320000,4210000 290000,4210000 290000,4190000</gml:coordinates></gml:LinearRing>"
                + "</gml:outerBoundaryIs></gml:Polygon></s:g>" + props + "</s:zone></gml:featureMember></wfs:FeatureCollection>";
        String xml = estimateXml(raster(), "", "<wps:RawDataOutput mimeType=\"text/xml; subtype=wfs-collection/1.1\">"
                + "<ows:Identifier>result</ows:Identifier></wps:RawDataOutput>")
                .replace("<wps:Input><ows:Identifier>ancillaryValues</ows:Identifier><wps:Data><wps:LiteralData>"
                        + TestData.ANCILLARY_TEXT + "</wps:LiteralData></wps:Data></wps:Input>",
                        "<wps:Input><ows:Identifier>ancillary</ows:Identifier><wps:Data><wps:ComplexData "
                        + "mimeType=\"text/xml; subtype=wfs-collection/1.0\">" + gml + "</wps:ComplexData></wps:Data></wps:Input>");
        Reply reply = post(xml);
        assertEquals(200, reply.status(), reply.body());
        var features = GmlFeatures.read(new ByteArrayInputStream(reply.raw().body()));
        assertEquals(2, features.features().size());
        assertEquals(1234, features.features().get(0).values().get(2), "the GML ancillary values were used");
        assertTrue(reply.body().contains("urn:ogc:def:crs:EPSG::32630"), reply.body());
    }

    @Test
    void lineageEchoesInputsAndOutputDefinitionsSyncAndAsync() throws Exception {
        String tiff = raster();
        String stride = "<wps:Input><ows:Identifier>stride</ows:Identifier><wps:Data><wps:LiteralData>112"
                + "</wps:LiteralData></wps:Data></wps:Input>";
        String outputs = "<wps:Output asReference=\"true\"><ows:Identifier>result</ows:Identifier></wps:Output>"
                + "</wps:ResponseDocument>";
        String sync = valid(post(estimateXml(tiff, stride, "<wps:ResponseDocument lineage=\"true\">" + outputs)), 200);
        assertTrue(sync.contains("<wps:DataInputs><wps:Input><ows:Identifier>raster</ows:Identifier><wps:Data>"
                + "<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">" + tiff + "</wps:ComplexData>"), sync);
        assertTrue(sync.contains("<ows:Identifier>stride</ows:Identifier><wps:Data><wps:LiteralData>112</wps:LiteralData>"));
        assertTrue(sync.contains("<wps:OutputDefinitions><wps:Output asReference=\"true\"><ows:Identifier>result"), sync);
        assertTrue(sync.contains("<wps:ProcessSucceeded>"));

        String accepted = valid(post(estimateXml(tiff, stride,
                "<wps:ResponseDocument lineage=\"true\" storeExecuteResponse=\"true\" status=\"true\">" + outputs)), 200);
        assertTrue(accepted.contains("<wps:ProcessAccepted>") && accepted.contains("<wps:LiteralData>112"), accepted);
        String status = "";
        for (int i = 0; i < 100 && !status.contains("ProcessSucceeded"); i++) {
            Thread.sleep(50);
            status = valid(get(statusLocation(accepted)), 200);
        }
        assertTrue(status.contains("<wps:LiteralData>112</wps:LiteralData>") && status.contains("<wps:ProcessOutputs>"),
                status);
        String plain = valid(post(estimateXml(tiff, stride, "<wps:ResponseDocument>" + outputs)), 200);
        assertTrue(!plain.contains("<wps:DataInputs>"), "no lineage unless asked for");
    }
}
