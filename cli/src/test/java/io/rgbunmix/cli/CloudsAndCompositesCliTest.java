package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.rgbunmix.TestData;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.inputs.GdalTools;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clouds and composites as a user meets them on the command line: Sentinel-2 products made here with
 * GDAL (an L2A SAFE zip with its SCL, an L1C with its MSK_CLASSI_B00), a mask of one's own in another
 * CRS, three cloudy dates, a STAC ItemCollection and a STAC API search served here.
 */
class CloudsAndCompositesCliTest {
    static final int W = 224;
    /** 3 x 2 windows at 10 m, UTM 30N. */
    static final RasterGeometry GRID = TestData.utm(3 * W, 2 * W, 440000, 4130000, 10);
    /** Date d is clouded over its block; all three over window 5. */
    static final int[][] CLOUDS = {{0, 0, 224, 224}, {224, 0, 448, 300}, {100, 224, 400, 448}};
    static final String[] DATES = {"2024-05-01", "2024-06-10", "2024-07-20"};

    @TempDir
    static Path temp;
    static CloudyDates fixture;

    static double truth(int x, int y, int b) {
        return 1 + (x * 7 + y * 13 + b * 50 + (x / W) * 40 + (y / W) * 60 + (x * y) % 23) % 200;
    }

    static boolean clouded(int d, int x, int y) {
        int[] c = CLOUDS[d];
        return (x >= c[0] && x < c[2] && y >= c[1] && y < c[3]) || (x >= 2 * W && y >= W);
    }

    @BeforeAll
    static void scenes() throws Exception {
        fixture = CloudyDates.make(temp);
    }

    /** Runs {@code rgbunmix run} with the test models and ancillary values; returns its output folder. */
    static Path run(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--ancillary-values", TestData.ANCILLARY_TEXT, "--level",
                "N2", "--no-pictures", "--out", out.toString(), "--models", TestData.MODELS.toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.code(), run.err() + run.out());
        return out;
    }

    static Map<String, CSVRecord> csv(Path out) throws IOException {
        return records(out.resolve("abundances.csv"));
    }

    static Map<String, CSVRecord> records(Path file) throws IOException {
        Map<String, CSVRecord> rows = new TreeMap<>();
        for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().build()
                .parse(new StringReader(Files.readString(file))).getRecords()) {
            rows.put(row.get("window_id"), row);
        }
        return rows;
    }


    static List<String> classColumns(Map<String, CSVRecord> rows) {
        List<String> names = new ArrayList<>(rows.values().iterator().next().getParser().getHeaderNames());
        return names.subList(5, names.indexOf("dominant_class"));
    }

    /** Every class percentage of each window of {@code ids} equal in both runs, to 1e-4 percentage points. */
    static void assertSameAbundances(Map<String, CSVRecord> expected, Map<String, CSVRecord> actual, List<String> ids) {
        for (String id : ids) {
            for (String column : classColumns(expected)) {
                assertEquals(Double.parseDouble(expected.get(id).get(column)), Double.parseDouble(actual.get(id).get(column)),
                        1e-4, "window " + id + ", " + column);
            }
        }
    }

    /** An L2A SAFE zip: its TCI (clouded as date 0 is) and its SCL at 20 m. */
    private static Path l2aZip() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("l2a"));
        Path product = folder.resolve("S2B_MSIL2A_20240501T105619_N0510_R094_T30SUG_20240501T134210.SAFE");
        Path granule = product.resolve("GRANULE/L2A_T30SUG_A037987_20240501T110512/IMG_DATA");
        Files.createDirectories(granule.resolve("R10m"));
        Files.createDirectories(granule.resolve("R20m"));
        Files.writeString(product.resolve("manifest.safe"), "<xfdu:XFDU xmlns:xfdu=\"urn:ccsds:schema:xfdu:1\"/>");
        Files.writeString(product.resolve("MTD_MSIL2A.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<n1:Level-2A_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-2A.xsd\">"
                + "<n1:General_Info><Product_Info><PRODUCT_START_TIME>2024-05-01T10:56:19.024Z</PRODUCT_START_TIME>"
                + "<PROCESSING_BASELINE>05.10</PROCESSING_BASELINE></Product_Info></n1:General_Info>"
                + "</n1:Level-2A_User_Product>");
        String stem = "T30SUG_20240501T105619_";
        // the cloud of date 0 over window 0, and a shadow (3) over window 4 darkening it
        Path tci = temp.resolve("tci.tif");
        SyntheticRaster.write(tci, GRID, 3, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> x < W && y < W ? 250
                : x >= W && x < 2 * W && y >= W ? truth(x, y, b) / 3 : truth(x, y, b));
        GdalTools.losslessJpeg2000(tci, granule.resolve("R10m/" + stem + "TCI_10m.jp2"));
        Path scl = temp.resolve("scl20.tif");
        SyntheticRaster.write(scl, TestData.utm(3 * W / 2, W, 440000, 4130000, 20), 1, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> x < W / 2 && y < W / 2 ? 9 : x >= W / 2 && x < W && y >= W / 2 ? 3 : 4);
        GdalTools.losslessJpeg2000(scl, granule.resolve("R20m/" + stem + "SCL_20m.jp2"));
        return GdalTools.zip(product, temp.resolve("l2a.zip"));
    }


    @Test
    void anL2aZipFindsItsSclAndSkipsTheCloudyAndShadowedWindowsWithTheirReasons() throws Exception {
        Path out = run(temp.resolve("l2a-out"), "--raster", l2aZip().toString());
        Map<String, CSVRecord> skipped = records(out.resolve("skipped.csv"));
        assertEquals(List.of("0", "4"), List.copyOf(skipped.keySet()));
        assertEquals("masked", skipped.get("0").get("reason"));
        assertTrue(skipped.get("0").get("detail").matches("clouds, .*shadows.* 100 %"), skipped.get("0").get("detail"));
        assertTrue(skipped.get("4").get("detail").matches("clouds, .*shadows.* 100 %"), skipped.get("4").get("detail"));
        Map<String, CSVRecord> rows = csv(out);
        assertEquals(List.of("1", "2", "3", "5"), List.copyOf(rows.keySet()));
        assertSameAbundances(fixture.clear(), rows, List.of("1", "2", "3", "5"));
        assertTrue(rows.get("1").get("mask").startsWith("SCL of S2B_MSIL2A_20240501") || rows.get("1").get("mask")
                .startsWith("SCL of l2a.zip"), rows.get("1").get("mask"));
        assertEquals("0.0", rows.get("1").get("masked_fraction"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("abundances.geojson").toFile()).get("summary");
        assertEquals(2, summary.get("skipped").get("masked").asInt());
        assertEquals("masked", summary.get("skippedWindows").get(0).get("reason").asText());
        assertTrue(summary.get("mask").asText().contains("(classes 0,1,3,8,9,10,11)"), summary.get("mask").asText());
    }

    @Test
    void anL1cProductOfBaseline0400UsesItsMskClassiB00() throws Exception {
        Path product = Files.createDirectories(temp.resolve("l1c/S2A_MSIL1C_20240610T105621_N0510_R094_T30SUG_20240610T130000.SAFE"));
        Path granule = product.resolve("GRANULE/L1C_T30SUG_A046000_20240610T110000");
        Files.createDirectories(granule.resolve("IMG_DATA"));
        Files.createDirectories(granule.resolve("QI_DATA"));
        Files.writeString(product.resolve("manifest.safe"), "<xfdu:XFDU xmlns:xfdu=\"urn:ccsds:schema:xfdu:1\"/>");
        Files.writeString(product.resolve("MTD_MSIL1C.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<n1:Level-1C_User_Product xmlns:n1=\"https://psd-14.sentinel2.eo.esa.int/PSD/User_Product_Level-1C.xsd\">"
                + "<n1:General_Info><Product_Info><PRODUCT_START_TIME>2024-06-10T10:56:21.024Z</PRODUCT_START_TIME>"
                + "<PROCESSING_BASELINE>05.10</PROCESSING_BASELINE></Product_Info></n1:General_Info>"
                + "</n1:Level-1C_User_Product>");
        GdalTools.losslessJpeg2000(fixture.truth(), granule.resolve("IMG_DATA/T30SUG_20240610T105621_TCI.jp2"));
        // opaque clouds (band 1) over window 2, at 60 m
        Path classi = temp.resolve("classi.tif");
        SyntheticRaster.write(classi, TestData.utm(3 * W * 10 / 60 + 1, 2 * W * 10 / 60 + 1, 440000, 4130000, 60), 3,
                DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> b == 0 && x * 60 >= 2 * W * 10 && y * 60 < W * 10 - 60 ? 1 : 0);
        GdalTools.losslessJpeg2000(classi, granule.resolve("QI_DATA/MSK_CLASSI_B00.jp2"));
        Path out = run(temp.resolve("l1c-out"), "--raster", product.toString());
        Map<String, CSVRecord> skipped = records(out.resolve("skipped.csv"));
        assertEquals(List.of("2"), List.copyOf(skipped.keySet()));
        assertTrue(skipped.get("2").get("detail").matches("clouds, cirrus and snow (9[0-9]|100) %"),
                skipped.get("2").get("detail"));
        assertTrue(csv(out).get("0").get("mask").startsWith("MSK_CLASSI_B00 of "), csv(out).get("0").get("mask"));
    }

    @Test
    void aMaskOfOnesOwnInAnotherCrsAt20mWithClasses() throws Exception {
        // UTM 29N, 20 m: class 3 where the pixel's centre lies in window 1 (kept off its edges), 7 elsewhere
        Reprojection to29 = new Reprojection(GRID.crs(), Crs.forCode("EPSG:32629"));
        Reprojection to30 = new Reprojection(Crs.forCode("EPSG:32629"), GRID.crs());
        double[] corner = to29.apply(440000 - 500, 4130000 + 500);
        RasterGeometry utm29 = new RasterGeometry(600, 450, Crs.forCode("EPSG:32629"),
                new AffineTransform(20, 0, 0, -20, Math.floor(corner[0] / 20) * 20 - 2000, Math.floor(corner[1] / 20) * 20 + 2000));
        Path mask = temp.resolve("mask29.tif");
        SyntheticRaster.write(mask, utm29, 1, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> {
            var p = utm29.toCrs(x + 0.5, y + 0.5);
            double[] q = to30.apply(p.getX(), p.getY());
            double col = (q[0] - 440000) / 10;
            double row = (4130000 - q[1]) / 10;
            return col > W + 20 && col < 2 * W - 20 && row > 20 && row < W - 20 ? 3 : 7;
        });
        Path out = run(temp.resolve("mask-out"), "--raster", fixture.truth().toString(), "--mask", mask.toString(),
                "--mask-classes", "3,8");
        Map<String, CSVRecord> skipped = records(out.resolve("skipped.csv"));
        assertEquals(List.of("1"), List.copyOf(skipped.keySet()));
        assertTrue(skipped.get("1").get("detail").startsWith("masked pixels "), skipped.get("1").get("detail"));
        assertSameAbundances(fixture.clear(), csv(out), List.of("0", "2", "3", "4", "5"));
        assertTrue(csv(out).get("0").get("mask").equals("mask29.tif (classes 3,8)"), csv(out).get("0").get("mask"));
    }

    @Test
    void threeDatesGivenAsRastersAndMasksMakeTheCloudFreeTruth() throws Exception {
        Path out = run(temp.resolve("composite-out"), "--raster", fixture.dates()[0].toString(), "--raster", fixture.dates()[1].toString(),
                "--raster", fixture.dates()[2].toString(), "--mask", fixture.masks()[0].toString(), "--mask", fixture.masks()[1].toString(),
                "--mask", fixture.masks()[2].toString(), "--mask-classes", "9");
        fixture.assertTheTruth(out);
    }

    @Test
    void theReportSaysTheCompositesDatesAndMasks() throws Exception {
        Path out = temp.resolve("report-out");
        CliRun run = CliRun.of("run", "--ancillary-values", TestData.ANCILLARY_TEXT, "--level", "N2", "--out", out.toString(),
                "--models", TestData.MODELS.toString(), "--raster", fixture.dates()[0].toString(), "--raster",
                fixture.dates()[1].toString(), "--mask", fixture.masks()[0].toString(), "--mask", fixture.masks()[1].toString(),
                "--mask-classes", "9");
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(out.resolve("abundances.html"));
        assertTrue(html.contains("a composite of 2 dates (2024-05-01, 2024-06-10), the median of their unmasked pixels; "
                + "masked by scl0.tif (classes 9); scl1.tif (classes 9)"), "the report's summary");
    }

    @Test
    void aStacItemCollectionIsThreeDatesWithTheirSclAndDates() throws Exception {
        Path collection = Files.writeString(temp.resolve("search-result.json"), fixture.itemCollection());
        Path out = run(temp.resolve("items-out"), "--raster", collection.toString());
        Map<String, CSVRecord> rows = fixture.assertTheTruth(out);
        assertTrue(rows.get("0").get("mask").contains("SCL of STAC item S2_1"), rows.get("0").get("mask"));
    }

    @Test
    void aStacApiSearchIsAskedForTheAreaPeriodAndCloudCoverAndItsItemsComposited() throws Exception {
        AtomicReference<String> asked = new AtomicReference<>();
        HttpServer stac = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stac.createContext("/v1/search", exchange -> {
            asked.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = fixture.itemCollection().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/geo+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        stac.createContext("/broken/search", exchange -> {
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
        });
        stac.start();
        try {
            String url = "http://127.0.0.1:" + stac.getAddress().getPort();
            double[] nw = new Reprojection(GRID.crs(), Crs.LON_LAT).apply(440000, 4130000);
            double[] se = new Reprojection(GRID.crs(), Crs.LON_LAT).apply(440000 + 3 * W * 10, 4130000 - 2 * W * 10);
            String area = nw[0] + "," + se[1] + "," + se[0] + "," + nw[1];
            Path out = run(temp.resolve("search-out"), "--stac-search", url + "/v1", "--collection", "sentinel-2-l2a",
                    "--datetime", "2024-05-01/2024-07-31", "--max-cloud-cover", "30", "--area", area);
            JsonNode body = new ObjectMapper().readTree(asked.get());
            assertEquals("sentinel-2-l2a", body.get("collections").get(0).asText());
            assertEquals("2024-05-01/2024-07-31", body.get("datetime").asText());
            assertEquals(nw[0], body.get("bbox").get(0).asDouble(), 1e-9);
            assertEquals(nw[1], body.get("bbox").get(3).asDouble(), 1e-9);
            assertEquals("<=", body.get("filter").get("op").asText());
            assertEquals("eo:cloud_cover", body.get("filter").get("args").get(0).get("property").asText());
            assertEquals(30.0, body.get("filter").get("args").get(1).asDouble());
            assertEquals(DATES[1] + ";" + DATES[2], csv(out).get("0").get("dates"));

            CliRun broken = CliRun.of("run", "--ancillary-values", TestData.ANCILLARY_TEXT, "--out",
                    temp.resolve("broken-out").toString(), "--models", TestData.MODELS.toString(), "--stac-search",
                    url + "/broken", "--datetime", "2024-05-01/2024-07-31", "--area", area);
            assertEquals(2, broken.code(), broken.err());
            assertTrue(broken.err().contains(url + "/broken") && broken.err().contains("502"), broken.err());
        } finally {
            stac.stop(0);
        }
    }

    @Test
    void aChangeSearchesEachPeriodWithinItsOwnDates() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer stac = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stac.createContext("/v1/search", exchange -> {
            asked.add(new ObjectMapper().readTree(exchange.getRequestBody()).get("datetime").asText());
            byte[] body = fixture.itemCollection().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/geo+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream response = exchange.getResponseBody()) {
                response.write(body);
            }
        });
        stac.start();
        try {
            String url = "http://127.0.0.1:" + stac.getAddress().getPort();
            double[] nw = new Reprojection(GRID.crs(), Crs.LON_LAT).apply(440000, 4130000);
            double[] se = new Reprojection(GRID.crs(), Crs.LON_LAT).apply(440000 + 3 * W * 10, 4130000 - 2 * W * 10);
            Path out = temp.resolve("change-search-out");
            // the shipped models: a change is weighed by the error their cards state, which the test models lack
            CliRun change = CliRun.of("change", "--stac-search", url + "/v1", "--before-datetime", "2018-05-01/2018-09-30",
                    "--after-datetime", "2024-05-01/2024-07-31", "--area", nw[0] + "," + se[1] + "," + se[0] + "," + nw[1],
                    "--ancillary-values", TestData.ANCILLARY_TEXT, "--no-pictures", "--models", "models", "--out",
                    out.toString());
            assertEquals(0, change.code(), change.err());
            assertEquals(List.of("2018-05-01/2018-09-30", "2024-05-01/2024-07-31"), asked);
            // both searches found the same three dates: one composite twice, every window the same, and a window
            // either period skips (the fixture's own) skipped by both
            Map<String, CSVRecord> rows = records(out.resolve("change.csv"));
            JsonNode skipped = new ObjectMapper().readTree(out.resolve("change.geojson").toFile()).get("summary")
                    .get("skippedWindows");
            assertEquals(6, rows.size() + skipped.size());
            skipped.forEach(window -> assertEquals("both", window.get("period").asText(), window.toString()));
            rows.values().forEach(row -> assertEquals("false", row.get("likely_change"), row.toString()));
            rows.values().forEach(row -> assertEquals(0.0, Double.parseDouble(row.get("artificial_change")), 1e-9));

            CliRun undated = CliRun.of("change", "--stac-search", url + "/v1", "--before-datetime", "2018-05-01/2018-09-30",
                    "--area", nw[0] + "," + se[1] + "," + se[0] + "," + nw[1], "--ancillary-values", TestData.ANCILLARY_TEXT,
                    "--models", "models", "--out", temp.resolve("undated").toString());
            assertEquals(2, undated.code(), undated.err());
            assertTrue(undated.err().contains("--after-datetime"), undated.err());
        } finally {
            stac.stop(0);
        }
    }
}
