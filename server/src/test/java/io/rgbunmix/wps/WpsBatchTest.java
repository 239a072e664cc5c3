package io.rgbunmix.wps;

import java.util.TreeMap;
import java.util.LinkedHashMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** unmix:EstimateAbundancesBatch over WPS: the published samples, and zips that must be refused. */
class WpsBatchTest {
    private static final Path SAMPLES = TestData.SHARED.resolve("sipna-samples");

    @TempDir
    Path temp;
    private ModelStore models;
    private RgbunmixServer server;
    private String wps;

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

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private HttpResponse<String> execute(byte[] zip, String level) throws Exception {
        String xml = "<wps:Execute service=\"WPS\" version=\"1.0.0\" xmlns:wps=\"http://www.opengis.net/wps/1.0.0\" "
                + "xmlns:ows=\"http://www.opengis.net/ows/1.1\"><ows:Identifier>unmix:EstimateAbundancesBatch"
                + "</ows:Identifier><wps:DataInputs><wps:Input><ows:Identifier>images</ows:Identifier><wps:Data>"
                + "<wps:ComplexData mimeType=\"application/zip\" encoding=\"base64\">"
                + Base64.getEncoder().encodeToString(zip) + "</wps:ComplexData></wps:Data></wps:Input>"
                + "<wps:Input><ows:Identifier>level</ows:Identifier><wps:Data><wps:LiteralData>" + level
                + "</wps:LiteralData></wps:Data></wps:Input></wps:DataInputs><wps:ResponseForm><wps:RawDataOutput "
                + "mimeType=\"text/csv\"><ows:Identifier>result</ows:Identifier></wps:RawDataOutput></wps:ResponseForm>"
                + "</wps:Execute>";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(wps))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSamplesZippedGiveTheOriginalCsv() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Path images = SAMPLES.resolve("input/RGB satellite images folder");
        try (var files = Files.list(images)) {
            for (Path image : files.toList()) {
                entries.put("RGB satellite images folder/" + image.getFileName(), Files.readAllBytes(image));
            }
        }
        entries.put("ancillary.csv", Files.readAllBytes(SAMPLES.resolve("input/Environmental ancillary data CSV file.csv")));
        HttpResponse<String> response = execute(zip(entries), "N2");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/csv", response.headers().firstValue("Content-Type").orElseThrow());
        List<String> lines = response.body().lines().toList();
        List<String> reference = Files.readAllLines(SAMPLES.resolve(
                "reference-output/Abundance estimation results at level N2.csv"));
        assertEquals(reference.get(0), lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("\"Class_1_ID_1457_Purity_54.64995041070112__(+38.3027252505,-5.3022158396).jpg\","));
    }

    private void assertRefused(byte[] zip, String message) throws Exception {
        HttpResponse<String> response = execute(zip, "N1");
        assertEquals(400, response.statusCode(), response.body());
        WpsSchemas.validate(response.body().getBytes(StandardCharsets.UTF_8));
        assertTrue(response.body().contains("locator=\"images\"") && response.body().contains(message), response.body());
    }

    @Test
    void zipSlipBombsAndFloodsAreRefusedBeforeAnyJob() throws Exception {
        assertRefused(zip(Map.of("../../evil.jpg", new byte[] {1})), "points outside the archive");
        assertRefused(zip(Map.of("/etc/cron.d/x", new byte[] {1})), "points outside the archive");
        assertRefused(zip(Map.of("zeros.csv", new byte[6 << 20])), "expands to more than 5242880 bytes");
        Map<String, byte[]> many = new TreeMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("f" + i + ".jpg", new byte[] {1});
        }
        assertRefused(zip(many), "more than 20 files");
        assertRefused(zip(Map.of("a/x.csv", new byte[] {1}, "b/x.csv", new byte[] {2})), "two files named 'x.csv'");
        assertRefused(zip(Map.of("a.jpg", new byte[] {1})), "exactly one .csv file, found 0");
        assertRefused("not a zip".getBytes(StandardCharsets.UTF_8), "the zip holds no file");
        try (var jobs = Files.list(temp.resolve("work/jobs"))) {
            assertEquals(0, jobs.count(), "no job was created for a refused zip");
        }
    }
}
