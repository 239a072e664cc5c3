package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.ClientMessages;
import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.gdal.GdalRaster;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.server.TestServer;
import java.awt.image.DataBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's raster must never make the server read its own files or other hosts (docs/hardening.md,
 * "What GDAL may read"). The files it must not reach are named pipes that count their readers
 * ({@link OpenWatch}) outside the work folder, and a local HTTP server that counts its requests; each
 * detector is first shown to see GDAL when GDAL is let loose on the same file.
 */
class ClientRasterIsolationTest {
    private static final List<String> RASTER_TYPES = List.of("image/tiff", "image/jp2", "application/zip");

    @TempDir
    static Path temp;
    private static Path outside;
    private static OpenWatch secret;
    private static RangeServer trap;
    private static RangeServer data;
    private static TestServer server;
    private static String base;
    private static byte[] tiff;
    private static Path jp2;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        outside = Files.createDirectories(temp.resolve("outside"));
        secret = new OpenWatch(outside.resolve("secret.tif"));
        trap = new RangeServer(Files.createDirectories(temp.resolve("trap")));
        data = new RangeServer(Files.createDirectories(temp.resolve("data")));
        Path scene = temp.resolve("scene.tif");
        SyntheticRaster.write(scene, TestData.utm(448, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> 40 + (x * 3 + y * 5 + b * 30) % 200);
        tiff = Files.readAllBytes(scene);
        jp2 = temp.resolve("scene.jp2");
        GdalTools.losslessJpeg2000(scene, jp2);
        server = TestServer.start(temp.resolve("work"), 8L << 20, Settings.DEFAULT.jobs(), 500L,
                new Settings.References(List.of(data.url("")), 8L << 20, 20L));
        base = server.base();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        data.close();
        trap.close();
        secret.close();
    }

    /** A GDAL virtual raster of the scene's size whose three bands are read from {@code source}. */
    private static byte[] vrt(String source) {
        StringBuilder xml = new StringBuilder("<VRTDataset rasterXSize=\"448\" rasterYSize=\"224\"><SRS>EPSG:32630</SRS>"
                + "<GeoTransform>300000, 10, 0, 4200000, 0, -10</GeoTransform>");
        for (int band = 1; band <= 3; band++) {
            xml.append("<VRTRasterBand dataType=\"Byte\" band=\"").append(band).append("\"><SimpleSource>")
                    .append("<SourceFilename relativeToVRT=\"0\">").append(source).append("</SourceFilename>")
                    .append("<SourceBand>").append(band).append("</SourceBand></SimpleSource></VRTRasterBand>");
        }
        return xml.append("</VRTDataset>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] vrtOfTheSecret() {
        return vrt(secret.path().toString());
    }

    /** GDAL's Meta Raster Format: an XML header whose data and index files are named in it. */
    private static byte[] mrfOfTheSecret() {
        return ("<MRF_META><Raster><Size x=\"448\" y=\"224\" c=\"3\"/><Compression>NONE</Compression>"
                + "<DataFile>" + secret.path() + "</DataFile><IndexFile>" + secret.path() + "</IndexFile></Raster>"
                + "<GeoTags><BoundingBox minx=\"300000\" miny=\"4197760\" maxx=\"304480\" maxy=\"4200000\"/>"
                + "<Projection>EPSG:32630</Projection></GeoTags>"
                + "</MRF_META>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] vrtOverHttp() {
        return vrt("/vsicurl/" + trap.url("x.tif"));
    }

    // ------------------------------------------------------------------ requests

    private static String wps(String rasterInput) {
        return "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                + "<ows:Identifier>unmix:EstimateAbundances</ows:Identifier><wps:DataInputs>"
                + "<wps:Input><ows:Identifier>raster</ows:Identifier>" + rasterInput + "</wps:Input>"
                + "<wps:Input><ows:Identifier>ancillaryValues</ows:Identifier><wps:Data><wps:LiteralData>"
                + TestData.ANCILLARY_TEXT + "</wps:LiteralData></wps:Data></wps:Input>"
                + "</wps:DataInputs><wps:ResponseForm><wps:RawDataOutput mimeType=\"application/json\">"
                + "<ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm></wps:Execute>";
    }

    private static String wpsInline(byte[] raster, String mimeType) {
        return wps("<wps:Data><wps:ComplexData mimeType=\"" + mimeType + "\" encoding=\"base64\">"
                + Base64.getEncoder().encodeToString(raster) + "</wps:ComplexData></wps:Data>");
    }

    private static String wpsReference(String href, String mimeType) {
        return wps("<wps:Reference mimeType=\"" + mimeType + "\" xlink:href=\"" + href + "\"/>");
    }

    private static String ogc(String raster) {
        return "{\"inputs\": {\"raster\": " + raster + ", \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}";
    }

    private static String ogcInline(byte[] raster, String mimeType) {
        return ogc("{\"value\": \"" + Base64.getEncoder().encodeToString(raster) + "\", \"mediaType\": \"" + mimeType
                + "\"}");
    }

    private static String ogcHref(String href, String mimeType) {
        return ogc("{\"href\": \"" + href + "\", \"type\": \"" + mimeType + "\"}");
    }

    private record Sent(String what, HttpResponse<String> response) {
    }

    private Sent wpsPost(String what, String body) throws Exception {
        return new Sent("WPS " + what, http.send(HttpRequest.newBuilder(URI.create(base + "/wps"))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private Sent ogcPost(String what, String body) throws Exception {
        return new Sent("OGC API " + what, http.send(HttpRequest.newBuilder(
                        URI.create(base + "/processes/estimate-abundances/execution"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /** {@code raster} sent every way a client can: inline and by reference, on both interfaces, as every type. */
    private List<Sent> sendEveryWay(String name, byte[] raster) throws Exception {
        Files.write(temp.resolve("data").resolve(name), raster);
        List<Sent> sent = new ArrayList<>();
        for (String type : RASTER_TYPES) {
            sent.add(wpsPost("inline as " + type, wpsInline(raster, type)));
            sent.add(wpsPost("by reference as " + type, wpsReference(data.url(name), type)));
            sent.add(ogcPost("inline as " + type, ogcInline(raster, type)));
            sent.add(ogcPost("by reference as " + type, ogcHref(data.url(name), type)));
        }
        return sent;
    }

    private static void assertRefusedInWords(Sent sent, String mentions) {
        String body = sent.response().body();
        assertEquals(400, sent.response().statusCode(), sent.what() + ": " + body);
        assertTrue(body.contains("raster"), sent.what() + " names the input: " + body);
        assertTrue(body.contains(mentions), sent.what() + " says '" + mentions + "': " + body);
        assertFalse(body.contains(temp.toString()) || body.contains("vsicurl"), sent.what() + " shows paths: " + body);
        ClientMessages.assertInWords(body, sent.what());
    }

    // ------------------------------------------------------------------ the detectors

    @Test
    void theDetectorsSeeGdalWhenItIsFreeToFollowTheVrt() throws Exception {
        Path vrt = Files.write(temp.resolve("own.vrt"), vrtOfTheSecret());
        int before = secret.settledOpens();
        try (GdalRaster own = GdalRaster.open(vrt.toString(), "own.vrt")) {
            own.readRows(0, 1, new int[] {0});
        } catch (RasterException expected) {
            // the pipe is empty: what matters is that GDAL opened it
        }
        assertTrue(secret.settledOpens() > before, "a user's own VRT is followed to its source");
        long requests = trap.requests.get();
        Path overHttp = Files.write(temp.resolve("http.vrt"), vrtOverHttp());
        // GDAL's own tool, without rgbunmix's settings, goes to the URL the VRT names
        Process gdal = new ProcessBuilder("gdal_translate", "-q", overHttp.toString(), temp.resolve("x.tif").toString())
                .redirectErrorStream(true).start();
        gdal.getInputStream().readAllBytes();
        gdal.waitFor();
        assertTrue(trap.requests.get() > requests, "gdal_translate asked the trap server for the VRT's source");
    }

    @Test
    void rgbunmixNeverLetsGdalOnTheNetworkEvenForAUsersOwnFile() throws Exception {
        long requests = trap.requests.get();
        Path overHttp = Files.write(temp.resolve("own-http.vrt"), vrtOverHttp());
        try (GdalRaster own = GdalRaster.open(overHttp.toString(), "own-http.vrt")) {
            assertThrows(RasterException.class, () -> own.readRows(0, 1, new int[] {0}));
        } catch (RasterException refused) {
            // refused at open: as good
        }
        assertThrows(RasterException.class, () -> GdalRaster.open("/vsicurl/" + trap.url("y.tif"), "y.tif"));
        assertEquals(requests, trap.requests.get(), "GDAL made no request");
    }

    // ------------------------------------------------------------------ VRTs from clients

    @Test
    void aVrtNamingAServerFileIsRefusedEveryWayAndTheFileIsNeverOpened() throws Exception {
        int before = secret.settledOpens();
        for (Sent sent : sendEveryWay("secret.vrt", vrtOfTheSecret())) {
            assertRefusedInWords(sent, sent.what().contains("image/tiff") ? "GeoTIFF" : "image/jp2");
        }
        assertEquals(before, secret.settledOpens(), "the server file the VRT names was never opened");
    }

    @Test
    void anMrfNamingAServerFileIsRefusedEveryWayAndTheFileIsNeverOpened() throws Exception {
        Path own = Files.write(temp.resolve("own.mrf"), mrfOfTheSecret());
        int before = secret.settledOpens();
        try (GdalRaster users = GdalRaster.open(own.toString(), "own.mrf")) {
            users.readRows(0, 1, new int[] {0});
        } catch (RasterException expected) {
            // the pipe is empty: what matters is that GDAL opened it
        }
        assertTrue(secret.settledOpens() > before, "a user's own MRF is followed to its data file");
        before = secret.settledOpens();
        for (Sent sent : sendEveryWay("secret.mrf", mrfOfTheSecret())) {
            assertRefusedInWords(sent, sent.what().contains("image/tiff") ? "GeoTIFF" : "image/jp2");
        }
        assertEquals(before, secret.settledOpens(), "the server file the MRF names was never opened");
    }

    @Test
    void aVrtReadingProcessMemoryIsRefusedEveryWay() throws Exception {
        // GDAL's MEM::: names read any address of the process; a VRT is the one way a file can give one
        for (Sent sent : sendEveryWay("memory.vrt", vrt("MEM:::DATAPOINTER=0x1000,PIXELS=448,LINES=224,BANDS=3"))) {
            assertRefusedInWords(sent, sent.what().contains("image/tiff") ? "GeoTIFF" : "image/jp2");
        }
    }

    @Test
    void aVrtWithAVsicurlSourceIsRefusedEveryWayAndItsHostSeesNoRequest() throws Exception {
        long requests = trap.requests.get();
        for (Sent sent : sendEveryWay("http.vrt", vrtOverHttp())) {
            assertRefusedInWords(sent, sent.what().contains("image/tiff") ? "GeoTIFF" : "image/jp2");
        }
        assertEquals(requests, trap.requests.get(), "the host the VRT names got no request");
    }

    @Test
    void aDemOrAnAncillaryRasterThatIsAVrtIsRefusedToo() throws Exception {
        int before = secret.settledOpens();
        String vrt = Base64.getEncoder().encodeToString(vrtOfTheSecret());
        for (String input : List.of("dem", "temp_aveRaster")) {
            for (String type : List.of("image/tiff", "image/jp2")) {
                String body = "{\"inputs\": {\"raster\": {\"value\": \"" + Base64.getEncoder().encodeToString(tiff)
                        + "\", \"mediaType\": \"image/tiff\"}, \"" + input + "\": {\"value\": \"" + vrt
                        + "\", \"mediaType\": \"" + type + "\"}, \"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}";
                Sent sent = ogcPost(input + " as " + type, body);
                assertEquals(400, sent.response().statusCode(), sent.what() + ": " + sent.response().body());
                assertTrue(sent.response().body().contains(input.equals("dem") ? "dem" : "temp_ave"),
                        sent.what() + ": " + sent.response().body());
                ClientMessages.assertInWords(sent.response().body(), sent.what());
            }
        }
        assertEquals(before, secret.settledOpens(), "the server file the VRTs name was never opened");
    }

    @Test
    void aJpeg2000IsStillReadWhenItIsOne() throws Exception {
        Sent sent = wpsPost("a JPEG 2000 as image/jp2", wpsInline(Files.readAllBytes(jp2), "image/jp2"));
        assertEquals(200, sent.response().statusCode(), sent.response().body());
        assertTrue(sent.response().body().contains("FeatureCollection"), sent.response().body());
        Sent mislabelled = wpsPost("a JPEG 2000 as image/tiff", wpsInline(Files.readAllBytes(jp2), "image/tiff"));
        assertRefusedInWords(mislabelled, "holds a JPEG 2000");
    }

    // ------------------------------------------------------------------ JPEG 2000 and SAFE content

    @Test
    void aJpeg2000WhoseGmlBoxNamesAFileAndAUrlIsReadFromItselfAlone() throws Exception {
        Path named = temp.resolve("gml.jp2");
        GdalTools.run("gdal_translate", "-q", "-of", "JP2OpenJPEG", "-co", "QUALITY=100", "-co", "REVERSIBLE=YES",
                "-co", "GMLJP2V2_DEF=YES", "-b", "1", "-b", "2", "-b", "3", jp2, named);
        String features = "<gmljp2:featureMember><gmljp2:GMLJP2Features gml:id=\"F1\">"
                + "<gmljp2:feature xlink:href=\"" + trap.url("features.gml") + "\"/>"
                + "<gmljp2:feature xlink:href=\"file://" + secret.path() + "\"/>"
                + "</gmljp2:GMLJP2Features></gmljp2:featureMember>";
        byte[] edited = Jp2Boxes.editXml(Files.readAllBytes(named), xml -> xml.contains("GMLJP2CoverageCollection")
                ? xml.replaceFirst("<gmljp2:GMLJP2CoverageCollection ", "<gmljp2:GMLJP2CoverageCollection "
                        + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" ")
                        .replace("</gmljp2:GMLJP2CoverageCollection>", features + "</gmljp2:GMLJP2CoverageCollection>")
                : xml);
        Files.write(named, edited);
        // GDAL follows the box's remote features when asked to (a vector open with OPEN_REMOTE_GML)
        long requests = trap.requests.get();
        Process ogr = new ProcessBuilder("ogrinfo", "-ro", "-q", "-oo", "OPEN_REMOTE_GML=YES", named.toString())
                .redirectErrorStream(true).start();
        ogr.getInputStream().readAllBytes();
        ogr.waitFor();
        assertTrue(trap.requests.get() > requests, "the edited GML box names the trap server");
        requests = trap.requests.get();
        int opens = secret.settledOpens();
        Sent sent = wpsPost("a JPEG 2000 whose GML box names others", wpsInline(edited, "image/jp2"));
        assertEquals(200, sent.response().statusCode(), sent.response().body());
        assertEquals(requests, trap.requests.get(), "no request for the features its GML box names");
        assertEquals(opens, secret.settledOpens(), "the file its GML box names was never opened");
    }

    /** A SAFE zip: its metadata, then name and content pairs. */
    private static byte[] safeZip(String metadata, Object... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("S2B_MSIL2A_20240615T105619_N0510_R094_T30SUG_20240615T134210.SAFE/MTD_MSIL2A.xml"));
            zip.write(metadata.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) entries[i]));
                zip.write(entries[i + 1] instanceof byte[] b ? b : entries[i + 1].toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }

    private static final String GRANULE = "S2B_MSIL2A_20240615T105619_N0510_R094_T30SUG_20240615T134210.SAFE/GRANULE/"
            + "L2A_T30SUG_A037987_20240615T110512/IMG_DATA/R10m/";

    private static String metadataNaming(String... files) {
        StringBuilder names = new StringBuilder();
        for (String file : files) {
            names.append("<IMAGE_FILE>").append(file).append("</IMAGE_FILE>");
        }
        return "<n1:Level-2A_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">"
                + "<n1:General_Info><Product_Info><PROCESSING_BASELINE>05.10</PROCESSING_BASELINE><Product_Organisation>"
                + "<Granule_List><Granule>" + names + "</Granule></Granule_List></Product_Organisation></Product_Info>"
                + "</n1:General_Info></n1:Level-2A_User_Product>";
    }

    @Test
    void aSafeZipIsReadFromItsOwnImagesWhateverItsMetadataNames() throws Exception {
        int opens = secret.settledOpens();
        String metadata = metadataNaming("../../../../" + outside.getFileName() + "/secret", secret.path().toString(),
                "/vsicurl/" + trap.url("T30SUG_TCI_10m"));
        byte[] zip = safeZip(metadata, GRANULE + "T30SUG_20240615T105619_TCI_10m.jp2", Files.readAllBytes(jp2),
                // PAM beside the TCI, inside the product: it would move the image to the other hemisphere
                GRANULE + "T30SUG_20240615T105619_TCI_10m.jp2.aux.xml", "<PAMDataset><SRS>EPSG:32730</SRS>"
                        + "<GeoTransform>0, 10, 0, 0, 0, -10</GeoTransform></PAMDataset>");
        Sent sent = ogcPost("a SAFE zip naming files outside", ogcInline(zip, "application/zip"));
        assertEquals(200, sent.response().statusCode(), sent.response().body());
        assertTrue(sent.response().body().contains("\"coordinates\":[[[-5.2"), "the windows lie where the "
                + "JPEG 2000 itself says, at 5.2 W, not where its planted .aux.xml would put them: "
                + sent.response().body().substring(0, Math.min(600, sent.response().body().length())));
        assertEquals(opens, secret.settledOpens(), "no file the metadata names was opened");
    }

    @Test
    void aSafeZipWhoseImageNameClimbsOutOrWhoseImageIsAVrtIsRefused() throws Exception {
        int opens = secret.settledOpens();
        byte[] climbing = safeZip(metadataNaming(), "S2B_MSIL2A_X.SAFE/GRANULE/../../../../" + outside.getFileName()
                + "/IMG_DATA/T30SUG_20240615T105619_TCI_10m.jp2", Files.readAllBytes(jp2));
        assertRefusedInWords(ogcPost("a SAFE zip whose image climbs out", ogcInline(climbing, "application/zip")),
                "has a name no Sentinel-2 file has");
        byte[] vrtInside = safeZip(metadataNaming(), GRANULE + "T30SUG_20240615T105619_TCI_10m.jp2", vrtOfTheSecret());
        Sent sent = wpsPost("a SAFE zip whose TCI is a VRT", wpsInline(vrtInside, "application/zip"));
        assertEquals(400, sent.response().statusCode(), sent.response().body());
        assertTrue(sent.response().body().contains("raster"), sent.response().body());
        assertEquals(opens, secret.settledOpens(), "the file the VRT inside the product names was never opened");
    }

    // ------------------------------------------------------------------ side-cars

    @Test
    void sideCarsPlantedBesideAClientFileAreNotRead() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("planted"));
        Path image = Files.copy(jp2, folder.resolve("raster.jp2"));
        Files.writeString(folder.resolve("raster.jp2.aux.xml"), "<PAMDataset><SRS>EPSG:32730</SRS>"
                + "<GeoTransform>0, 10, 0, 0, 0, -10</GeoTransform></PAMDataset>");
        Files.writeString(folder.resolve("raster.j2w"), "20\n0\n0\n-20\n5\n5\n");
        Path geoTiff = Files.write(folder.resolve("raster.tif"), tiff);
        Files.writeString(folder.resolve("raster.tif.aux.xml"), "<PAMDataset><SRS>EPSG:32730</SRS></PAMDataset>");
        RasterGeometry own = TestData.utm(448, 224, 300000, 4200000, 10);
        try (OpenWatch overview = new OpenWatch(folder.resolve("raster.jp2.ovr"));
             OpenWatch tiffOverview = new OpenWatch(folder.resolve("raster.tif.ovr"))) {
            RasterInputs clientFiles = new RasterInputs(null, false);
            try (OpenedRaster read = clientFiles.open(new RasterFile(image, "image/jp2"), "raster", List.of())) {
                assertEquals(own.gridToCrs(), read.source().geometry().gridToCrs());
                assertEquals(own.crs().getName(), read.source().geometry().crs().getName());
                read.source().readRows(0, 224, new int[] {0, 1, 2});
            }
            try (OpenedRaster read = clientFiles.open(new RasterFile(geoTiff, "image/tiff"), "raster", List.of())) {
                assertEquals(own.gridToCrs(), read.source().geometry().gridToCrs());
                read.source().readRows(0, 2, new int[] {0, 1, 2});
            }
            assertEquals(0, overview.opens() + tiffOverview.opens(), "no external overview was opened");
            // the command line reads the user's side-cars, as GDAL does: the test would see them
            try (OpenedRaster users = new RasterInputs(null, true).open(image, "raster.jp2", List.of())) {
                assertNotEquals(own.gridToCrs(), users.source().geometry().gridToCrs());
            }
        }
    }
}
