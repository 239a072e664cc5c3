package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rgbunmix.TestData;
import io.rgbunmix.cli.Main;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pages as a browser gets them, and the same URLs as clients get them: JSON and XML for clients
 * (Java's default Accept header included), HTML for browsers, each linking the other. Every kind of page
 * is saved under target/pages, where the html-check module runs the Nu HTML checker over them.
 */
class PagesTest {
    /** Read by html-check's PagesAreValidHtmlTest. */
    static final Path SAVED = Path.of("target", "pages");

    @TempDir
    static Path temp;
    private static Site site;
    private static String job;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SAVED);
        site = new Site(temp.resolve("work"));
        job = site.sceneJob();
    }

    @AfterAll
    static void stop() throws Exception {
        site.close();
    }

    /** GETs {@code path} as a browser, checks it is a page linking its JSON, saves it as {@code name}. */
    private static String page(String path, int status, String name) throws Exception {
        HttpResponse<String> response = site.get(path, Site.BROWSER);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        assertTrue(response.body().startsWith("<!DOCTYPE html>"), path);
        Files.writeString(SAVED.resolve(name), response.body());
        return response.body();
    }

    @Test
    void everyResourceIsAPageForABrowserThatLinksItsJson() throws Exception {
        String landing = page("/", 200, "landing.html");
        assertTrue(landing.contains("<link rel=\"alternate\" type=\"application/json\" href=\"/?f=json\""), landing);
        assertTrue(page("/conformance", 200, "conformance.html").contains("conf/core"));
        assertTrue(page("/processes", 200, "processes.html").contains("href=\"/processes/estimate-abundances?f=html\""));
        String process = page("/processes/estimate-abundances", 200, "process-estimate-abundances.html");
        assertTrue(process.contains("id=\"execute\"") && process.contains("id=\"in-raster-file\"")
                && process.contains("<option value=\"N2\">N2</option>") && process.contains("max=\"224\""), process);
        page("/processes/echo", 200, "process-echo.html");
        assertTrue(page("/jobs", 200, "jobs.html").contains("/jobs/" + job + "?f=html"));
        String status = page("/jobs/" + job, 200, "job.html");
        assertTrue(status.contains("data-status=\"successful\"") && status.contains("<progress"), status);
        String results = page("/jobs/" + job + "/results", 200, "results.html");
        assertTrue(results.contains("/jobs/" + job + "/results/result") && results.contains("id=\"map\"")
                && results.contains("/webjars/leaflet/1.9.4/dist/leaflet.js"), results);
        assertTrue(results.contains("href=\"/collections/" + job + "?f=html\""), "the results link their layer: " + results);
        assertTrue(page("/collections", 200, "collections.html").contains("/collections/" + job + "?f=html"));
        assertTrue(page("/collections/" + job, 200, "collection.html").contains("/collections/" + job + "/items?f=html"));
        String items = page("/collections/" + job + "/items?limit=5", 200, "items.html");
        assertTrue(items.contains("rel=\"next\"") && items.contains("/collections/" + job + "/items/"), items);
        assertTrue(page("/jobs/not-a-job", 404, "problem.html").contains("HTTP 404"));
        assertTrue(page("/wps", 200, "wps.html").contains("id=\"wps-builder\""));
        assertEquals(200, site.get("/webjars/leaflet/1.9.4/dist/leaflet.js", null).statusCode(), "Leaflet is served here");
        assertEquals(200, site.get("/static/rgbunmix/map.js", null).statusCode());
    }

    @Test
    void jsonDocumentsLinkTheirHtmlAlternates() throws Exception {
        for (String path : List.of("/", "/conformance", "/processes", "/processes/estimate-abundances", "/jobs",
                "/jobs/" + job)) {
            JsonNode links = site.json(path).get("links");
            boolean alternate = false;
            for (JsonNode link : links) {
                alternate |= link.path("rel").asText().equals("alternate") && link.path("type").asText().equals("text/html");
            }
            assertTrue(alternate, path + " links " + links);
        }
        HttpResponse<String> results = site.get("/jobs/" + job + "/results", "application/json");
        assertTrue(results.headers().firstValue("Link").orElse("").contains("rel=\"alternate\"; type=\"text/html\""));
    }

    @Test
    void clientsKeepTheirJsonAndXmlWhateverTheirDefaultAcceptHeaderSays() throws Exception {
        // java.net.HttpURLConnection sends "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2" by itself
        HttpURLConnection landing = (HttpURLConnection) URI.create(site.base + "/").toURL().openConnection();
        assertEquals(200, landing.getResponseCode());
        assertTrue(landing.getContentType().startsWith("application/json"), landing.getContentType());
        HttpURLConnection wps = (HttpURLConnection) URI.create(site.base + "/wps").toURL().openConnection();
        wps.getResponseCode();
        assertTrue(wps.getContentType() != null && wps.getContentType().contains("xml"), wps.getContentType());
        HttpResponse<String> plain = site.get("/processes", "text/html");
        assertTrue(plain.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "text/html alone is not a browser's Accept");
        HttpResponse<String> forced = site.get("/processes?f=html", "application/json");
        assertTrue(forced.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), "f=html decides");
        HttpResponse<String> json = site.get("/processes?f=json", Site.BROWSER);
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "f=json decides");
        HttpResponse<String> capabilities = site.get("/wps?service=WPS&request=GetCapabilities", Site.BROWSER);
        assertTrue(capabilities.body().contains("wps:Capabilities"), "a browser asking for a WPS document gets it");
    }

    @Test
    void aJobKeepsAPictureOfItsRasterAndTheLegendOfItsMap() throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(site.base + "/jobs/" + job + "/quicklook.png")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png.body()));
        assertTrue(picture.getWidth() <= 1024 && picture.getHeight() <= 1024 && picture.getWidth() > 500);
        int opaque = 0;
        for (int y = 0; y < picture.getHeight(); y += 8) {
            for (int x = 0; x < picture.getWidth(); x += 8) {
                opaque += (picture.getRGB(x, y) >>> 24) == 255 ? 1 : 0;
            }
        }
        assertTrue(opaque > 0.8 * (picture.getWidth() / 8) * (picture.getHeight() / 8), "the raster fills its box");
        String results = site.get("/jobs/" + job + "/results?f=html", null).body();
        String marker = "<script type=\"application/json\" id=\"map-data\">";
        int start = results.indexOf(marker) + marker.length();
        String data = results.substring(start, results.indexOf("</script>", start));
        JsonNode map = Site.JSON.readTree(data);
        assertEquals(4, map.at("/legend/classes").size());
        assertEquals("#e6004d", map.at("/legend/classes/0/colour").asText());
        double west = map.at("/legend/quicklook/west").asDouble();
        double east = map.at("/legend/quicklook/east").asDouble();
        JsonNode first = site.json("/jobs/" + job + "/results/result").at("/features/0/properties");
        assertTrue(first.get("centre_lon").asDouble() > west && first.get("centre_lon").asDouble() < east);
    }

    @Test
    void runWritesAPictureWithALegendAndAMapThatNeedsNoServer() throws Exception {
        Path out = temp.resolve("run");
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err));
        assertEquals(0, line.execute("run", "--raster", Site.SCENE.toString(), "--ancillary", Site.SCENE_ANCILLARY.toString(),
                "--out", out.toString(), "--models", TestData.MODELS.toString()), err.toString());
        BufferedImage png = ImageIO.read(out.resolve("abundances.png").toFile());
        assertTrue(png.getWidth() > png.getHeight() + 300, "the legend stands beside the square scene's picture");
        String html = Files.readString(out.resolve("abundances.html"), StandardCharsets.UTF_8);
        assertTrue(!html.contains("<script src=") && !html.contains("<link rel=\"stylesheet\"") && !html.contains("src=\"http"),
                "scripts, styles and picture are all inline: nothing is loaded from elsewhere");
        assertTrue(html.contains("data:image/png;base64,") && html.contains("\"features\""));
        assertTrue(html.contains("100 of 100 windows processed (scene.tif, GeoTIFF read by Apache SIS, its pixels decoded "
                + "by GDAL ") && html.contains("; no quality mask)"),
                "the report says what was read, and that no mask was: " + html.substring(0, Math.min(2000, html.length())));
        Files.writeString(SAVED.resolve("abundances.html"), html);
    }
}
