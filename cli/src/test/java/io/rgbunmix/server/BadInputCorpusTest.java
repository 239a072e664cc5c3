package io.rgbunmix.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.ClientMessages;
import io.rgbunmix.TestData;
import io.rgbunmix.cli.Main;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: requests a new user, a broken client or an attacker may send, over WPS, OGC
 * API - Processes and the command line. Each must be refused with a client error (4xx; exit code 2
 * for {@code run} and {@code batch}) whose message names the input at fault and shows no internals
 * (class names, stack frames, server paths, staging file names). After the corpus, the server still
 * runs a good request on both interfaces.
 */
class BadInputCorpusTest {
    private static final String EXECUTE = "<wps:Execute service=\"WPS\" version=\"1.0.0\" "
            + "xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\" "
            + "xmlns:xlink=\"http://www.w3.org/1999/xlink\">";
    private static final String ANCILLARY = TestData.ANCILLARY_TEXT;
    private static final String ATTRIBUTES = "\"evapotranspiration\":894,\"precipitation\":376,\"elevation\":519,"
            + "\"slope\":6,\"temp_ave\":16,\"temp_max\":23,\"temp_min\":10";
    /** A point at the scene's centre (UTM 30N 302240 E, 4198880 N is 37.916 N, 5.250 W). */
    private static final String POINT_IN_SCENE = "{\"type\":\"Point\",\"coordinates\":[-5.2498,37.916]}";

    @TempDir
    static Path temp;
    private static TestServer server;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static int cases;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(temp.resolve("work"), 2L << 20, null, 50L, null);
        base = server.base();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        assertTrue(cases >= 80, "the corpus holds at least 80 cases, it has " + cases);
    }

    // ---------------------------------------------------------------- inputs

    private static byte[] tiff(int width, int height, int bands, int type, double pixel) throws IOException {
        Path file = Files.createTempFile(temp, "raster", ".tif");
        SyntheticRaster.write(file, TestData.utm(width, height, 300000, 4200000, pixel), bands, type, Double.NaN,
                (x, y, b) -> 90);
        return Files.readAllBytes(file);
    }

    private static byte[] goodTiff() throws IOException {
        return tiff(448, 224, 3, DataBuffer.TYPE_BYTE, 10);
    }

    private static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndContents[i]));
                zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String feature(String geometry, String properties) {
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":" + geometry
                + ",\"properties\":{" + properties + "}}]}";
    }

    private static String gml(String body) {
        return "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:gml=\"http://www.opengis.net/gml\" "
                + "xmlns:a=\"urn:anc\">" + body + "</wfs:FeatureCollection>";
    }

    // ---------------------------------------------------------------- requests

    /** One case: a name, how to send it, the status it must get and the word its message must hold. */
    private record Case(String name, Send send, int status, String mentions) {
    }

    @FunctionalInterface
    private interface Send {
        Reply send() throws Exception;
    }

    /** An answer: its status, its body, and its Allow header (null when it has none). */
    private record Reply(int status, String text, String allow) {
    }

    private static Reply http(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Allow").orElse(null));
    }

    /**
     * A request written as bytes on a socket, for what HttpClient never sends (a body shorter than its
     * Content-Length, a broken chunk size, any method, an absolute-form request line); {@code closeAfter}
     * half-closes the connection once it is written, as a client that gives up does. Only the first
     * answer counts: a 100 Continue before it is the status seen.
     */
    private static Case raw(String name, String request, boolean closeAfter, int status, String mentions) {
        return new Case("raw " + name, () -> {
            try (Socket socket = new Socket("127.0.0.1", URI.create(base).getPort())) {
                socket.setSoTimeout(20_000);   // an answer that waits for a body never sent fails here
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                if (closeAfter) {
                    socket.shutdownOutput();
                }
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = answer.indexOf("\r\n\r\n");
                String head = end < 0 ? answer : answer.substring(0, end);
                String allow = head.lines().filter(l -> l.regionMatches(true, 0, "Allow:", 0, 6))
                        .map(l -> l.substring(6).trim()).findFirst().orElse(null);
                return new Reply(Integer.parseInt(head.split(" ")[1]), end < 0 ? "" : answer.substring(end + 4), allow);
            }
        }, status, mentions);
    }

    private static Case wpsGet(String name, String query, int status, String mentions) {
        return new Case("WPS GET " + name, () -> http(HttpRequest.newBuilder(URI.create(base + "/wps?" + query)).build()),
                status, mentions);
    }

    private static Case wpsPost(String name, byte[] body, int status, String mentions) {
        return new Case("WPS POST " + name, () -> http(HttpRequest.newBuilder(URI.create(base + "/wps"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()),
                status, mentions);
    }

    private static Case wpsPost(String name, String body, int status, String mentions) {
        return wpsPost(name, body.getBytes(StandardCharsets.UTF_8), status, mentions);
    }

    private static Case ogcPost(String name, String path, byte[] body, int status, String mentions) {
        return new Case("OGC API POST " + name, () -> http(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()),
                status, mentions);
    }

    private static Case ogcExecute(String name, String process, String body, int status, String mentions) {
        return ogcPost(name, "/processes/" + process + "/execution", body.getBytes(StandardCharsets.UTF_8), status,
                mentions);
    }

    private static Case ogc(String method, String name, String path, int status, String mentions) {
        return new Case("OGC API " + method + " " + name, () -> http(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build()), status, mentions);
    }

    private static Case cli(String name, String mentions, String... args) {
        return new Case("CLI " + name, () -> {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            var line = Main.commandLine();
            line.setOut(new PrintWriter(out));
            line.setErr(new PrintWriter(err));
            int code = line.execute(args);
            return new Reply(code, err.toString(), null);
        }, 2, mentions);
    }

    private static String kvp(String dataInputs) {
        return "service=WPS&version=1.0.0&request=Execute&identifier=unmix:EstimateAbundances&DataInputs="
                + URLEncoder.encode(dataInputs, StandardCharsets.UTF_8);
    }

    private static String input(String id, String data) {
        return "<wps:Input><ows:Identifier>" + id + "</ows:Identifier><wps:Data>" + data + "</wps:Data></wps:Input>";
    }

    private static String literal(String id, String text) {
        return input(id, "<wps:LiteralData>" + text + "</wps:LiteralData>");
    }

    private static String rasterInput(byte[] tiff) {
        return input("raster", "<wps:ComplexData mimeType=\"image/tiff\" encoding=\"base64\">" + b64(tiff)
                + "</wps:ComplexData>");
    }

    private static String jsonInput(String id, String json) {
        return input(id, "<wps:ComplexData mimeType=\"application/json\"><![CDATA[" + json + "]]></wps:ComplexData>");
    }

    private static String xmlInput(String id, String xml) {
        return input(id, "<wps:ComplexData mimeType=\"text/xml\">" + xml + "</wps:ComplexData>");
    }

    private static String estimate(String inputs, String form) {
        return EXECUTE + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:DataInputs>" + inputs
                + "</wps:DataInputs>" + form + "</wps:Execute>";
    }

    private static String estimate(byte[] tiff, String more) {
        return estimate(rasterInput(tiff) + literal("ancillaryValues", ANCILLARY) + more, "");
    }

    private static String withFeatures(byte[] tiff, String ancillary) {
        return estimate(rasterInput(tiff) + ancillary, "");
    }

    private static String batch(byte[] zip) {
        return EXECUTE + "<ows:Identifier>unmix:EstimateAbundancesBatch</ows:Identifier><wps:DataInputs>"
                + input("images", "<wps:ComplexData mimeType=\"application/zip\" encoding=\"base64\">" + b64(zip)
                + "</wps:ComplexData>") + "</wps:DataInputs></wps:Execute>";
    }

    private static String ogcEstimate(String raster, String more) {
        return "{\"inputs\": {\"raster\": " + raster + ", " + more + "}}";
    }

    private static String ogcRaster(byte[] tiff) {
        return "{\"value\": \"" + b64(tiff) + "\", \"mediaType\": \"image/tiff\"}";
    }

    private static final String VALUES = "\"ancillaryValues\": \"" + ANCILLARY + "\"";

    // ---------------------------------------------------------------- the corpus

    /**
     * Hardening, round 2: transport (bodies cut short, broken chunks, a huge declared body), methods and
     * paths not served, paging at the integer limits, parsers' limits, geometry and georeferencing that
     * break overlay and transforms, file names no disk takes, and inputs once refused by mistake.
     */
    private static List<Case> roundTwo(byte[] good, String csv) throws Exception {
        String post = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: %s\r\n";
        String ogcPath = "/processes/estimate-abundances/execution";
        String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[-5.5,37.7],[-4.0,38.2],[-4.0,37.7],[-5.5,38.2],"
                + "[-5.5,37.7]]]}";   // two lobes crossing at 4.75 W; the scene lies in the western one
        String farOut = "{\"type\":\"Polygon\",\"coordinates\":[[[-1e308,-1e308],[1e308,-1e308],[1e308,1e308],"
                + "[-1e308,-1e308]]]}";
        String deepGml = gml("<gml:featureMember>" + "<a:x>".repeat(100_000) + "</a:x>".repeat(100_000)
                + "</gml:featureMember>");
        String body = "<wps:Body>" + EXECUTE + "<ows:Identifier>unmix:Echo</ows:Identifier><wps:DataInputs><wps:Input>"
                + "<ows:Identifier>message</ows:Identifier><wps:Reference xlink:href=\"http://127.0.0.1:1/wps\" "
                + "method=\"POST\">";
        String chained = EXECUTE + "<ows:Identifier>unmix:Echo</ows:Identifier><wps:DataInputs><wps:Input><ows:Identifier>"
                + "message</ows:Identifier><wps:Reference xlink:href=\"http://127.0.0.1:1/wps\" method=\"POST\">"
                + body.repeat(1000) + "</wps:Reference></wps:Input></wps:DataInputs></wps:Execute></wps:Body>"
                .repeat(1000) + "</wps:Reference></wps:Input></wps:DataInputs></wps:Execute>";
        byte[] zeroPixels = tiff(448, 224, 3, DataBuffer.TYPE_BYTE, 0);
        Path tif = Files.write(temp.resolve("for-jp2.tif"), good);
        Path jp2 = temp.resolve("cut.jp2");
        GdalTools.losslessJpeg2000(tif, jp2);
        byte[] cutJp2 = Arrays.copyOf(Files.readAllBytes(jp2), (int) (Files.size(jp2) * 0.6));
        String capabilities = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><wps:GetCapabilities service=\"WPS\" "
                + "xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" xmlns:ows=\"http://www.opengis.net/ows/1.1\"/>";
        String stacItem = "{\"type\":\"Feature\",\"stac_version\":\"1.0.0\",\"id\":\"x\",\"geometry\":null,"
                + "\"properties\":{},\"assets\":{}}";
        return List.of(
                raw("OGC API body shorter than its Content-Length", String.format(post, ogcPath, "application/json")
                        + "Content-Length: 1000\r\n\r\n{\"inputs\":", true, 400, "before the length it declared"),
                raw("WPS body shorter than its Content-Length", String.format(post, "/wps", "text/xml")
                        + "Content-Length: 1000\r\n\r\n<wps:Execute", true, 400, "before the length it declared"),
                raw("WPS body with an absurd chunk size", String.format(post, "/wps", "text/xml")
                        + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n", true, 400, "chunked"),
                raw("WPS Expect: 100-continue with 300 MB declared", String.format(post, "/wps", "text/xml")
                        + "Content-Length: 300000000\r\nExpect: 100-continue\r\n\r\n", false, 400, "FileSizeExceeded"),
                raw("OGC API Expect: 100-continue with 300 MB declared", String.format(post, ogcPath, "application/json")
                        + "Content-Length: 300000000\r\nExpect: 100-continue\r\n\r\n", false, 413, "larger than"),
                raw("PUT /", "PUT / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, 405, "not served"),
                raw("PATCH /jobs", "PATCH /jobs HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, 405, "GET"),
                raw("TRACE /processes", "TRACE /processes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false, 405, "TRACE"),
                raw("an unknown method on /", "BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, 405,
                        "BREW"),
                raw("PUT /wps", "PUT /wps HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false, 405,
                        "ExceptionReport"),
                raw("DELETE /wps", "DELETE /wps HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false, 405, "GET, POST"),
                raw("a path climbing out of /static", "GET /static/a/../../nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        false, 404, "there is nothing at"),
                raw("an encoded climb under /webjars", "GET /webjars/..%2f..%2fetc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        false, 400, "malformed"),
                raw("an absolute-form request line", "GET http://example.com/nothing HTTP/1.1\r\nHost: example.com"
                        + "\r\nConnection: close\r\n\r\n", false, 404, "there is nothing at"),
                wpsGet("GetExecutions with maxFeatures 2147483647", "service=WPS&version=1.0.0&request=GetExecutions"
                        + "&startIndex=1&maxFeatures=2147483647", 200, "GetExecutionsResponse"),
                ogc("GET", "jobs at offset 2147483647", "/jobs?offset=2147483647&limit=1000", 200, "\"jobs\""),
                // parsers' limits, on both interfaces, in words
                wpsPost("100000-deep GML feature", withFeatures(good, input("ancillary", "<wps:ComplexData mimeType="
                        + "\"text/xml; subtype=gml/3.1.1\">" + deepGml + "</wps:ComplexData>")), 400, "nested more than"),
                wpsPost("1000 chained wps:Body, 6000 elements deep", chained, 400, "nested more than"),
                wpsPost("GeoJSON ancillary nested 1200 deep", withFeatures(good, jsonInput("ancillary",
                        "[".repeat(1200) + "]".repeat(1200))), 400, "levels deep"),
                ogcExecute("JSON nested 1200 deep", "echo", "{\"inputs\":{\"message\":" + "{\"a\":".repeat(1200) + "1"
                        + "}".repeat(1200) + "}}", 400, "levels deep"),
                ogcExecute("a number of 2000 digits", "echo", "{\"inputs\":{\"message\":" + "1".repeat(2000) + "}}", 400,
                        "digits"),
                ogcExecute("half a surrogate pair in a literal", "echo", "{\"inputs\":{\"message\":\"a\\ud800b\"}}", 400,
                        "surrogate"),
                ogcExecute("half a surrogate pair in ancillaryValues", "estimate-abundances", ogcEstimate(ogcRaster(good),
                        "\"ancillaryValues\": \"evapotranspiration=\\udc00\""), 400, "ancillaryValues"),
                // geometry, georeferencing and names that broke overlay, transforms and the disk
                wpsPost("a bow-tie ancillary polygon, repaired", withFeatures(good, jsonInput("ancillary",
                        feature(bowTie, ATTRIBUTES))), 200, "ProcessSucceeded"),
                wpsPost("ancillary coordinates of 1e308", withFeatures(good, jsonInput("ancillary",
                        feature(farOut, ATTRIBUTES))), 400, "no ancillary data"),
                ogcExecute("a raster with a zero pixel size", "estimate-abundances", ogcEstimate(ogcRaster(zeroPixels),
                        VALUES), 400, "pixel size"),
                ogcExecute("a JPEG 2000 cut short", "estimate-abundances", ogcEstimate("{\"value\": \"" + b64(cutJp2)
                        + "\", \"mediaType\": \"image/jp2\"}", VALUES), 400, "raster"),
                wpsPost("a zip entry named with 60000 characters", batch(zip("a".repeat(60_000) + ".jpg", "x", "a.csv",
                        csv)), 400, "name no file can have"),
                wpsPost("a zip entry name holding NUL", batch(zip("a\u0000b.jpg", "x", "a.csv", csv)), 400,
                        "control characters"),
                wpsPost("ancillary features over the size limit", withFeatures(good, jsonInput("ancillary",
                        "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", Collections.nCopies(
                                6000, "{\"type\":\"Feature\",\"geometry\":" + POINT_IN_SCENE + ",\"properties\":{"
                                        + ATTRIBUTES + "}}")) + "]}")), 400, "at most 1048576"),
                // inputs once refused by mistake
                wpsPost("GML ancillary as a bare text/xml reaches the GML reader", withFeatures(good, xmlInput("ancillary",
                        gml("<gml:featureMember><a:f><a:geom><gml:Point><gml:coordinates>x,y</gml:coordinates></gml:Point>"
                                + "</a:geom></a:f></gml:featureMember>"))), 400, "not a coordinate"),
                wpsPost("a GetCapabilities in UTF-16", capabilities.getBytes(StandardCharsets.UTF_16), 200,
                        "wps:Capabilities"),
                ogcExecute("an inline STAC item as application/geo+json reaches the STAC reader", "estimate-abundances",
                        ogcEstimate("{\"value\": " + stacItem + ", \"mediaType\": \"application/geo+json\"}", VALUES),
                        400, "STAC item"));
    }

    private static List<Case> corpus() throws Exception {
        byte[] good = goodTiff();
        byte[] oneBand = tiff(448, 224, 1, DataBuffer.TYPE_BYTE, 10);
        byte[] sixteenBit = tiff(448, 224, 3, DataBuffer.TYPE_USHORT, 10);
        byte[] tooSmall = tiff(100, 100, 3, DataBuffer.TYPE_BYTE, 10);
        byte[] kilometre = tiff(448, 224, 3, DataBuffer.TYPE_BYTE, 1000);
        byte[] truncated = Arrays.copyOf(good, 300);
        byte[] headerOnly = Arrays.copyOf(good, 8);
        byte[] badMagic = good.clone();
        badMagic[2] = 'Z';
        byte[] text = "this is not a GeoTIFF".getBytes(StandardCharsets.UTF_8);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        String farAway = feature("{\"type\":\"Point\",\"coordinates\":[-3,40]}", ATTRIBUTES);   // 300 km away
        String csv = "filename,evapotranspiration,precipitation,elevation,slope,temp_ave,temp_max,temp_min\n"
                + "a.jpg,1,2,3,4,5,6,7\n";
        byte[] bomb;
        {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry("a.csv"));
                zip.write(new byte[6 << 20]);   // expands past the 5 MiB limit of these settings
                zip.closeEntry();
            }
            bomb = bytes.toByteArray();
        }
        String[] many = new String[2 * 25];
        for (int i = 0; i < 25; i++) {
            many[2 * i] = "w" + i + ".jpg";
            many[2 * i + 1] = "x";
        }
        Path goodFile = Files.write(temp.resolve("good.tif"), good);
        byte[] vrt = ("<VRTDataset rasterXSize=\"448\" rasterYSize=\"224\"><SRS>EPSG:32630</SRS><VRTRasterBand "
                + "dataType=\"Byte\" band=\"1\"><SimpleSource><SourceFilename>" + goodFile + "</SourceFilename>"
                + "</SimpleSource></VRTRasterBand></VRTDataset>").getBytes(StandardCharsets.UTF_8);
        Path textFile = Files.write(temp.resolve("text.tif"), text);
        Path oneBandFile = Files.write(temp.resolve("one-band.tif"), oneBand);
        Path badJson = Files.writeString(temp.resolve("bad.geojson"), "{\"type\": \"FeatureCollection\", \"features\": [");
        Path farJson = Files.writeString(temp.resolve("far.geojson"), farAway);
        Path badGml = Files.writeString(temp.resolve("bad.gml"), "<wfs:FeatureCollection><unclosed>");
        Path out = temp.resolve("out");
        String models = TestData.MODELS.toString();
        Path samples = TestData.SHARED.resolve("sipna-samples/input");
        Path badCsv = Files.writeString(temp.resolve("bad.csv"), "filename,evapotranspiration\nx.jpg,abc\n");

        List<Case> all = new ArrayList<>(roundTwo(good, csv));
        all.addAll(List.of(
                // WPS key-value requests: operations, versions, identifiers
                wpsGet("without service", "request=GetCapabilities", 400, "service"),
                wpsGet("service=WFS", "service=WFS&request=GetCapabilities", 400, "service"),
                wpsGet("without request", "service=WPS", 400, "request"),
                wpsGet("unknown operation", "service=WPS&request=Transmogrify", 400, "request"),
                wpsGet("AcceptVersions=3.0.0", "service=WPS&request=GetCapabilities&AcceptVersions=3.0.0", 400,
                        "AcceptVersions"),
                wpsGet("DescribeProcess without identifier", "service=WPS&version=1.0.0&request=DescribeProcess", 400,
                        "identifier"),
                wpsGet("DescribeProcess of an unknown process",
                        "service=WPS&version=1.0.0&request=DescribeProcess&identifier=unmix:Nothing", 400, "identifier"),
                wpsGet("DescribeProcess version=9.9.9",
                        "service=WPS&version=9.9.9&request=DescribeProcess&identifier=unmix:Echo", 400, "version"),
                wpsGet("Execute without identifier", "service=WPS&version=1.0.0&request=Execute&DataInputs=message=x",
                        400, "identifier"),
                wpsGet("Execute of an unknown process",
                        "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Nothing", 400, "identifier"),
                // WPS key-value Execute: types, ranges, enums, names, references
                wpsGet("DataInputs without '='", kvp("raster"), 400, "raster"),
                wpsGet("missing raster", kvp("ancillaryValues=" + ANCILLARY.replace(',', ' ')), 400, "raster"),
                wpsGet("level=N3", kvp("raster=@xlink:href=http://169.254.169.254/x.tif;level=N3"), 400, "level"),
                wpsGet("stride=abc", kvp("raster=@xlink:href=http://169.254.169.254/x.tif;stride=abc"), 400, "stride"),
                wpsGet("stride=0", kvp("raster=@xlink:href=http://169.254.169.254/x.tif;stride=0"), 400, "stride"),
                wpsGet("stride=1e9", kvp("raster=@xlink:href=http://169.254.169.254/x.tif;stride=1000000000"), 400,
                        "stride"),
                wpsGet("minValidFraction=2", kvp("raster=@xlink:href=http://169.254.169.254/x.tif;minValidFraction=2"),
                        400, "minValidFraction"),
                wpsGet("minValidFraction=NaN",
                        kvp("raster=@xlink:href=http://169.254.169.254/x.tif;minValidFraction=NaN"), 400,
                        "minValidFraction"),
                wpsGet("an unknown input", kvp("rasterr=@xlink:href=http://example.org/x.tif"), 400, "rasterr"),
                wpsGet("a reference to a link-local host", kvp("raster=@xlink:href=http://169.254.169.254/latest"),
                        400, "raster"),
                wpsGet("a file: reference", kvp("raster=@xlink:href=file:///etc/passwd"), 400, "raster"),
                wpsGet("an ftp: reference", kvp("raster=@xlink:href=ftp://example.org/x.tif"), 400, "raster"),
                wpsGet("echo pause=-1", "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                        + "&DataInputs=message=x;pause=-1", 400, "pause"),
                wpsGet("echo pause=1e6", "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                        + "&DataInputs=message=x;pause=1000000", 400, "pause"),
                wpsGet("estimate without its raster", "service=WPS&version=1.0.0&request=Execute"
                        + "&identifier=unmix:EstimateAbundances&DataInputs=level=N1", 400, "raster"),
                wpsGet("echo: a box of three numbers", "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                        + "&DataInputs=box=1,2,3", 400, "box"),
                wpsGet("echo: eleven numbers", "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                        + "&DataInputs=numbers=1;numbers=2;numbers=3;numbers=4;numbers=5;numbers=6;numbers=7;numbers=8;"
                        + "numbers=9;numbers=10;numbers=11", 400, "numbers"),
                wpsGet("echo: two values for message", "service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo"
                        + "&DataInputs=message=a;message=b", 400, "message"),
                wpsGet("RawDataOutput of an unknown output", "service=WPS&version=1.0.0&request=Execute"
                        + "&identifier=unmix:Echo&DataInputs=message=x&RawDataOutput=nothing", 400, "nothing"),
                wpsGet("ResponseDocument of an unknown output", "service=WPS&version=1.0.0&request=Execute"
                        + "&identifier=unmix:Echo&DataInputs=message=x&ResponseDocument=nothing", 400, "nothing"),
                wpsGet("an output in a format it has not", "service=WPS&version=1.0.0&request=Execute"
                        + "&identifier=unmix:EstimateAbundances&DataInputs=raster=@xlink:href=http://example.org/x.tif"
                        + "&RawDataOutput=result@mimeType=image/png", 400, "result"),
                // WPS job ids and paging
                wpsGet("GetExecutionStatus without executionId", "service=WPS&version=1.0.0&request=GetExecutionStatus",
                        400, "executionId"),
                wpsGet("GetExecutionStatus of a malformed id",
                        "service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=..%2F..%2Fetc", 400,
                        "executionId"),
                wpsGet("GetExecutionStatus of an unknown id", "service=WPS&version=1.0.0&request=GetExecutionStatus"
                        + "&executionId=00000000-0000-0000-0000-000000000000", 400, "executionId"),
                wpsGet("GetExecutionResult of an unknown id", "service=WPS&version=1.0.0&request=GetExecutionResult"
                        + "&executionId=00000000-0000-0000-0000-000000000000&outputId=result.geojson", 400,
                        "executionId"),
                wpsGet("Dismiss of an unknown id", "service=WPS&version=1.0.0&request=Dismiss"
                        + "&executionId=00000000-0000-0000-0000-000000000000", 400, "executionId"),
                wpsGet("GetExecutions maxFeatures=-1", "service=WPS&version=1.0.0&request=GetExecutions&maxFeatures=-1",
                        400, "maxFeatures"),
                wpsGet("GetExecutions startIndex=abc", "service=WPS&version=1.0.0&request=GetExecutions&startIndex=abc",
                        400, "startIndex"),
                // WPS XML bodies: malformed, truncated, empty, hostile, oversize
                wpsPost("an empty body", new byte[0], 400, "request"),
                wpsPost("a body that is not XML", "{\"json\": true}", 400, "XML"),
                wpsPost("a truncated Execute", EXECUTE + "<ows:Identifier>unmix:Echo</ows:Ident", 400, "XML"),
                wpsPost("a DOCTYPE with an external entity", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM "
                        + "\"file:///etc/passwd\">]>" + EXECUTE + "<ows:Identifier>&e;</ows:Identifier></wps:Execute>", 400,
                        "DOCTYPE"),
                wpsPost("an unknown root element", "<wps:Transmogrify xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                        + "service=\"WPS\" version=\"1.0.0\"/>", 400, "Transmogrify"),
                wpsPost("Execute without Identifier", EXECUTE + "</wps:Execute>", 400, "Identifier"),
                wpsPost("Execute version 2.0.0", EXECUTE.replace("1.0.0\" xmlns", "2.0.0\" xmlns")
                        + "<ows:Identifier>unmix:Echo</ows:Identifier></wps:Execute>", 400, "version"),
                wpsPost("a body over the size limit", EXECUTE + "<!--" + "x".repeat(3 << 20) + "--></wps:Execute>", 400,
                        "larger"),
                wpsPost("base64 that is not base64", estimate(rasterInput(good).replace(b64(good), "!!!not base64!!!")
                        + literal("ancillaryValues", ANCILLARY), ""), 400, "raster"),
                wpsPost("a raster in a media type it does not take", estimate(input("raster", "<wps:ComplexData "
                        + "mimeType=\"image/png\" encoding=\"base64\">" + b64(png) + "</wps:ComplexData>")
                        + literal("ancillaryValues", ANCILLARY), ""), 400, "raster"),
                wpsPost("a raster given as a literal", estimate(literal("raster", "x.tif")
                        + literal("ancillaryValues", ANCILLARY), ""), 400, "raster"),
                wpsPost("a literal given as complex data", estimate(rasterInput(good)
                        + jsonInput("ancillaryValues", "{}"), ""), 400, "ancillaryValues"),
                // WPS: broken GeoTIFFs and rasters the model cannot take
                wpsPost("a text file as GeoTIFF", estimate(text, ""), 400, "raster"),
                wpsPost("a truncated GeoTIFF", estimate(truncated, ""), 400, "raster"),
                wpsPost("a TIFF header alone", estimate(headerOnly, ""), 400, "raster"),
                wpsPost("a TIFF with a bad magic number", estimate(badMagic, ""), 400, "raster"),
                wpsPost("a PNG as GeoTIFF", estimate(png, ""), 400, "raster"),
                wpsPost("a 1-band raster", estimate(oneBand, ""), 400, "bands"),
                wpsPost("16-bit samples without rescale", estimate(sixteenBit, ""), 400, "rescale"),
                wpsPost("a raster smaller than a window", estimate(tooSmall, ""), 400, "raster"),
                wpsPost("1 km pixels", estimate(kilometre, ""), 400, "raster"),
                wpsPost("bands=4,5,6 on 3 bands", estimate(good, literal("bands", "4,5,6")), 400, "bands"),
                wpsPost("bands=1,2", estimate(good, literal("bands", "1,2")), 400, "bands"),
                wpsPost("rescale=maybe", estimate(good, literal("rescale", "maybe")), 400, "rescale"),
                wpsPost("rescale=9,1", estimate(good, literal("rescale", "9,1")), 400, "rescale"),
                wpsPost("level=n9", estimate(good, literal("level", "n9")), 400, "level"),
                // WPS: ancillary values and features
                wpsPost("ancillaryValues with an unknown name", estimate(rasterInput(good)
                        + literal("ancillaryValues", ANCILLARY + ",humidity=3"), ""), 400, "humidity"),
                wpsPost("ancillaryValues missing one", estimate(rasterInput(good)
                        + literal("ancillaryValues", ANCILLARY.replaceAll(",temp_min=[0-9.]+", "")), ""), 400,
                        "ancillaryValues"),
                wpsPost("ancillaryValues not a number", estimate(rasterInput(good)
                        + literal("ancillaryValues", ANCILLARY.replace("slope=6.1", "slope=steep")), ""), 400,
                        "ancillaryValues"),
                wpsPost("ancillaryValues for some variables and nothing for the rest", estimate(rasterInput(good)
                        + literal("ancillaryValues", "slope=3,temp_max=30"), ""), 400, "ancillary"),
                wpsPost("neither ancillary nor ancillaryValues", estimate(rasterInput(good), ""), 400, "ancillary"),
                wpsPost("ancillary GeoJSON that is not JSON", withFeatures(good, jsonInput("ancillary", "{not json")), 400,
                        "ancillary"),
                wpsPost("ancillary GeoJSON truncated", withFeatures(good, jsonInput("ancillary",
                        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"")), 400, "ancillary"),
                wpsPost("ancillary GeoJSON that is a bare geometry", withFeatures(good, jsonInput("ancillary",
                        POINT_IN_SCENE)), 400, "ancillary"),
                wpsPost("ancillary features lacking the attributes", withFeatures(good, jsonInput("ancillary",
                        feature(POINT_IN_SCENE, "\"slope\":6"))), 400, "ancillary"),
                wpsPost("ancillary attribute not a number", withFeatures(good, jsonInput("ancillary",
                        feature(POINT_IN_SCENE, ATTRIBUTES.replace("\"slope\":6", "\"slope\":\"steep\"")))), 400,
                        "ancillary"),
                wpsPost("ancillary geometry with text coordinates", withFeatures(good, jsonInput("ancillary",
                        feature("{\"type\":\"Point\",\"coordinates\":[\"a\",\"b\"]}", ATTRIBUTES))), 400, "ancillary"),
                wpsPost("ancillary feature without geometry", withFeatures(good, jsonInput("ancillary",
                        feature("null", ATTRIBUTES))), 400, "ancillary"),
                wpsPost("ancillary covering no window", withFeatures(good, jsonInput("ancillary", farAway)), 400,
                        "ancillary"),
                wpsPost("ancillary GML that is broken XML", withFeatures(good, input("ancillary",
                        "<wps:ComplexData mimeType=\"text/xml\"><![CDATA[<wfs:FeatureCollection><open>]]>"
                                + "</wps:ComplexData>")), 400, "ancillary"),
                wpsPost("ancillary GML without features", withFeatures(good, xmlInput("ancillary", gml(""))), 400,
                        "ancillary"),
                wpsPost("ancillary GML with a bad coordinate", withFeatures(good, xmlInput("ancillary", gml(
                        "<gml:featureMember><a:f><a:geom><gml:Point><gml:coordinates>x,y</gml:coordinates></gml:Point>"
                                + "</a:geom><a:slope>1</a:slope></a:f></gml:featureMember>"))), 400, "ancillary"),
                // GDAL formats that name other files: a VRT over a GeoTIFF of this machine, as each raster type
                wpsPost("a VRT naming a server file, as image/tiff", estimate(input("raster", "<wps:ComplexData "
                        + "mimeType=\"image/tiff\" encoding=\"base64\">" + b64(vrt) + "</wps:ComplexData>")
                        + literal("ancillaryValues", ANCILLARY), ""), 400, "raster"),
                wpsPost("a VRT naming a server file, as image/jp2", estimate(input("raster", "<wps:ComplexData "
                        + "mimeType=\"image/jp2\" encoding=\"base64\">" + b64(vrt) + "</wps:ComplexData>")
                        + literal("ancillaryValues", ANCILLARY), ""), 400, "image/jp2"),
                ogcExecute("a VRT naming a server file, as application/zip", "estimate-abundances", ogcEstimate(
                        "{\"value\": \"" + b64(vrt) + "\", \"mediaType\": \"application/zip\"}", VALUES), 400, "raster"),
                // WPS: zips of the batch process
                wpsPost("images that are not a zip", batch(text), 400, "images"),
                wpsPost("an empty zip", batch(zip()), 400, "images"),
                wpsPost("a zip entry escaping the archive", batch(zip("../../evil.csv", csv)), 400, "images"),
                wpsPost("a zip without a CSV", batch(zip("a.jpg", "x")), 400, "images"),
                wpsPost("a zip with two CSVs", batch(zip("a.csv", csv, "b.csv", csv)), 400, "images"),
                wpsPost("a zip bomb", batch(bomb), 400, "images"),
                wpsPost("a zip with too many files", batch(zip(many)), 400, "images"),
                wpsPost("a zip whose image is not a JPEG", batch(zip("a.csv", csv, "a.jpg", "not a jpeg")), 400,
                        "images"),
                // OGC API execute bodies
                ogcExecute("an empty body", "echo", "", 400, "JSON"),
                ogcExecute("a body that is not JSON", "echo", "<xml/>", 400, "JSON"),
                ogcExecute("a truncated body", "echo", "{\"inputs\": {\"message\": \"x", 400, "JSON"),
                ogcExecute("an array", "echo", "[1, 2]", 400, "object"),
                ogcExecute("inputs that are not an object", "echo", "{\"inputs\": [1]}", 400, "inputs"),
                ogcExecute("an unknown input", "echo", "{\"inputs\": {\"message\": \"x\", \"mesage\": \"y\"}}", 400,
                        "mesage"),
                ogcExecute("a missing required input", "estimate-abundances", "{\"inputs\": {\"level\": \"N1\"}}",
                        400, "raster"),
                ogcExecute("a box that is upside down", "echo", "{\"inputs\": {\"box\": {\"bbox\": [3, 0, 1, 1]}}}",
                        400, "box"),
                ogcExecute("a document given as JSON that is not GeoJSON", "echo", "{\"inputs\": {\"document\": "
                        + "{\"value\": {\"a\": 1}, \"mediaType\": \"application/geo+json\"}}}", 400, "document"),
                ogcExecute("a number of the wrong type", "echo", "{\"inputs\": {\"message\": \"x\", \"pause\": \"soon\"}}",
                        400, "pause"),
                ogcExecute("a number out of range", "echo", "{\"inputs\": {\"message\": \"x\", \"pause\": 601}}", 400,
                        "pause"),
                ogcExecute("an unknown output", "echo", "{\"inputs\": {\"message\": \"x\"}, \"outputs\": {\"nothing\": {}}}",
                        400, "nothing"),
                ogcExecute("an unknown response", "echo", "{\"inputs\": {\"message\": \"x\"}, \"response\": \"poem\"}", 400,
                        "response"),
                ogcExecute("level=N3", "estimate-abundances", ogcEstimate(ogcRaster(good), VALUES
                        + ", \"level\": \"N3\""), 400, "level"),
                ogcExecute("stride as a string", "estimate-abundances", ogcEstimate(ogcRaster(good), VALUES
                        + ", \"stride\": \"wide\""), 400, "stride"),
                ogcExecute("stride out of range", "estimate-abundances", ogcEstimate(ogcRaster(good), VALUES
                        + ", \"stride\": 225"), 400, "stride"),
                ogcExecute("raster value not base64", "estimate-abundances", ogcEstimate(
                        "{\"value\": \"%%%\", \"mediaType\": \"image/tiff\"}", VALUES), 400, "raster"),
                ogcExecute("raster with neither value nor href", "estimate-abundances", ogcEstimate(
                        "{\"mediaType\": \"image/tiff\"}", VALUES), 400, "raster"),
                ogcExecute("raster href to a link-local host", "estimate-abundances", ogcEstimate(
                        "{\"href\": \"http://169.254.169.254/latest\"}", VALUES), 400, "raster"),
                ogcExecute("raster as a PNG", "estimate-abundances", ogcEstimate(
                        "{\"value\": \"" + b64(png) + "\", \"mediaType\": \"image/png\"}", VALUES), 400, "raster"),
                ogcExecute("a truncated GeoTIFF", "estimate-abundances", ogcEstimate(ogcRaster(truncated), VALUES), 400,
                        "raster"),
                ogcExecute("a 1-band raster", "estimate-abundances", ogcEstimate(ogcRaster(oneBand), VALUES), 400,
                        "bands"),
                ogcExecute("ancillaryValues with an unknown name", "estimate-abundances", ogcEstimate(ogcRaster(good),
                        "\"ancillaryValues\": \"" + ANCILLARY + ",wind=3\""), 400, "wind"),
                ogcExecute("ancillary covering no window", "estimate-abundances", ogcEstimate(ogcRaster(good),
                        "\"ancillary\": " + farAway), 400, "ancillary"),
                ogcExecute("ancillary lacking attributes", "estimate-abundances", ogcEstimate(ogcRaster(good),
                        "\"ancillary\": " + feature(POINT_IN_SCENE, "\"slope\": 1")), 400, "ancillary"),
                ogcExecute("an output format it has not", "estimate-abundances", "{\"inputs\": {\"raster\": "
                        + ogcRaster(good) + ", " + VALUES + "}, \"outputs\": {\"result\": {\"format\": {\"mediaType\": "
                        + "\"image/png\"}}}}", 400, "result"),
                ogcPost("a body over the size limit", "/processes/echo/execution",
                        ("{\"inputs\": {\"message\": \"" + "x".repeat(3 << 20) + "\"}}").getBytes(StandardCharsets.UTF_8),
                        413, "large"),
                ogcPost("a batch zip escaping the archive", "/processes/estimate-abundances-batch/execution",
                        ("{\"inputs\": {\"images\": {\"value\": \"" + b64(zip("../x.csv", csv))
                                + "\", \"mediaType\": \"application/zip\"}}}").getBytes(StandardCharsets.UTF_8), 400,
                        "images"),
                // OGC API resources, job ids and paging
                ogc("GET", "an unknown process", "/processes/nothing", 404, "nothing"),
                ogc("POST", "execution of an unknown process", "/processes/nothing/execution", 404, "nothing"),
                ogc("GET", "an execution endpoint", "/processes/echo/execution", 405, "POST"),
                ogc("GET", "a malformed job id", "/jobs/not-a-job", 404, "job"),
                ogc("GET", "an encoded slash in a job id", "/jobs/..%2F..%2Fetc", 400, "path"),
                ogc("GET", "an unknown job", "/jobs/00000000-0000-0000-0000-000000000000", 404, "job"),
                ogc("GET", "results of an unknown job", "/jobs/00000000-0000-0000-0000-000000000000/results", 404, "job"),
                ogc("DELETE", "an unknown job", "/jobs/00000000-0000-0000-0000-000000000000", 404, "job"),
                ogc("GET", "jobs with limit=abc", "/jobs?limit=abc", 400, "limit"),
                ogc("GET", "jobs with limit=0", "/jobs?limit=0", 400, "limit"),
                ogc("GET", "jobs with limit=100000", "/jobs?limit=100000", 400, "limit"),
                ogc("GET", "processes with limit=-3", "/processes?limit=-3", 400, "limit"),
                ogc("GET", "processes with offset=x", "/processes?offset=x", 400, "offset"),
                // the command line
                cli("run without --raster", "--raster", "run", "--ancillary-values", ANCILLARY, "--out", out.toString()),
                cli("run with a missing raster file", "missing.tif", "run", "--raster", temp.resolve("missing.tif")
                        .toString(), "--ancillary-values", ANCILLARY, "--out", out.toString(), "--models", models),
                cli("run with a text file as raster", "text.tif", "run", "--raster", textFile.toString(),
                        "--ancillary-values", ANCILLARY, "--out", out.toString(), "--models", models),
                cli("run with a 1-band raster", "band", "run", "--raster", oneBandFile.toString(), "--ancillary-values",
                        ANCILLARY, "--out", out.toString(), "--models", models),
                cli("run --level N3", "level", "run", "--raster", goodFile.toString(), "--ancillary-values", ANCILLARY,
                        "--level", "N3", "--out", out.toString(), "--models", models),
                cli("run --stride abc", "--stride", "run", "--raster", goodFile.toString(), "--ancillary-values",
                        ANCILLARY, "--stride", "abc", "--out", out.toString()),
                cli("run --stride 0", "stride", "run", "--raster", goodFile.toString(), "--ancillary-values", ANCILLARY,
                        "--stride", "0", "--out", out.toString(), "--models", models),
                cli("run --bands 4,5,6", "band", "run", "--raster", goodFile.toString(), "--ancillary-values",
                        ANCILLARY, "--bands", "4,5,6", "--out", out.toString(), "--models", models),
                cli("run --rescale x", "rescale", "run", "--raster", goodFile.toString(), "--ancillary-values",
                        ANCILLARY, "--rescale", "x", "--out", out.toString(), "--models", models),
                cli("run --ancillary-values with an unknown name", "humidity", "run", "--raster", goodFile.toString(),
                        "--ancillary-values", ANCILLARY + ",humidity=1", "--out", out.toString(), "--models", models),
                cli("run --ancillary with broken GeoJSON", "bad.geojson", "run", "--raster", goodFile.toString(),
                        "--ancillary", badJson.toString(), "--out", out.toString(), "--models", models),
                cli("run --ancillary with broken GML", "bad.gml", "run", "--raster", goodFile.toString(),
                        "--ancillary", badGml.toString(), "--out", out.toString(), "--models", models),
                cli("run --ancillary covering no window", "ancillary", "run", "--raster", goodFile.toString(),
                        "--ancillary", farJson.toString(), "--out", out.toString(), "--models", models),
                cli("run --ancillary with a missing file", "nothing.geojson", "run", "--raster", goodFile.toString(),
                        "--ancillary", temp.resolve("nothing.geojson").toString(), "--out", out.toString(),
                        "--models", models),
                cli("run with an unknown option", "--colour", "run", "--raster", goodFile.toString(),
                        "--ancillary-values", ANCILLARY, "--colour", "red", "--out", out.toString()),
                cli("batch with a missing folder", "folder", "batch", "--images", temp.resolve("none").toString(),
                        "--ancillary", badCsv.toString(), "--out", out.toString(), "--models", models),
                cli("batch with a CSV lacking columns", "CSV", "batch", "--images",
                        samples.resolve("RGB satellite images folder").toString(), "--ancillary", badCsv.toString(),
                        "--out", out.toString(), "--models", models),
                cli("batch --level N0", "level", "batch", "--images", samples.resolve("RGB satellite images folder")
                        .toString(), "--ancillary", samples.resolve("Environmental ancillary data CSV file.csv").toString(),
                        "--level", "N0", "--out", out.toString(), "--models", models)));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsAClearClientError() throws Exception {
        List<Case> corpus = corpus();
        cases = corpus.size();
        Stream<DynamicTest> bad = corpus.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Reply reply = c.send().send();
            assertEquals(c.status(), reply.status(), c.name() + ": " + reply.text());
            assertTrue(reply.text().toLowerCase(Locale.ROOT).contains(c.mentions().toLowerCase(Locale.ROOT)),
                    c.name() + " must name '" + c.mentions() + "': " + reply.text());
            // the command line may name the user's own files: those are theirs, not the server's
            ClientMessages.assertInWords(c.name().startsWith("CLI") ? reply.text().replace(temp.toString(), "")
                    : reply.text(), c.name());
            if (reply.status() == 405) {
                assertTrue(reply.allow() != null && !reply.allow().isBlank(), c.name() + " names the methods in Allow");
            }
            if (reply.text().startsWith("<?xml")) {   // WPS answers, refusals included, are documents a parser reads
                assertWellFormed(reply.text(), c.name());
            } else if (!c.name().startsWith("CLI")) {
                assertTrue(reply.text().startsWith("{"), c.name() + " answers with JSON: " + reply.text());
            }
        }));
        Stream<DynamicTest> after = Stream.of(DynamicTest.dynamicTest("no request body is left on disk", () -> {
            try (Stream<Path> left = Files.list(temp.resolve("work/requests"))) {
                assertEquals(List.of(), left.toList());
            }
        }), DynamicTest.dynamicTest("no link pages past the integer limit", () -> {
            Reply jobs = http(HttpRequest.newBuilder(URI.create(base + "/jobs?offset=2147483647&limit=1000")).build());
            assertEquals(200, jobs.status(), jobs.text());
            assertTrue(!jobs.text().contains("offset=-") && !jobs.text().contains("\"next\""), jobs.text());
        }), DynamicTest.dynamicTest("the server still runs good requests", () -> {
            Reply wps = http(HttpRequest.newBuilder(URI.create(base + "/wps")).header("Content-Type", "text/xml")
                    .POST(HttpRequest.BodyPublishers.ofString(estimate(goodTiff(), ""))).build());
            assertEquals(200, wps.status(), wps.text());
            assertTrue(wps.text().contains("ProcessSucceeded"), wps.text());
            Reply ogc = http(HttpRequest.newBuilder(URI.create(base + "/processes/estimate-abundances/execution"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ogcEstimate(ogcRaster(goodTiff()), VALUES))).build());
            assertEquals(200, ogc.status(), ogc.text());
        }));
        return Stream.concat(bad, after);
    }

    /** A DELETE of a job races GETs of its results, which must see the results or a 404, never a 500. */
    @Test
    void resultsReadWhileTheirJobIsDismissedAreTheResultsOrNoSuchJob() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 40; round++) {
                HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(base
                        + "/processes/echo/execution")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"hello\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, done.statusCode(), done.body());
                URI job = URI.create(done.headers().firstValue("Location").orElseThrow());
                List<Future<Reply>> reads = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    reads.add(readers.submit(() -> http(HttpRequest.newBuilder(URI.create(job + "/results")).build())));
                }
                http(HttpRequest.newBuilder(job).DELETE().build());
                for (Future<Reply> read : reads) {
                    Reply reply = read.get();
                    assertTrue(reply.status() == 200 || reply.status() == 404, reply.status() + ": " + reply.text());
                    ClientMessages.assertInWords(reply.text(), "results of a job being dismissed");
                }
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static void assertWellFormed(String xml, String context) {
        try {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(context + " answers XML no parser reads (" + e.getMessage() + "): " + xml, e);
        }
    }
}
