package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rgbunmix.TestData;
import io.rgbunmix.cli.ShiftedPeriods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A change's pages in Chromium: {@code change.html} opened from a file with no server, and the results page of
 * an estimate-change job. Each shows one window per compared window, the transition matrix whose counts are the
 * change's, the histogram, and recolours by a class's change; neither logs an error.
 */
class ChangeBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final List<String> DIVERGING = List.of("#b2182b", "#ef8a62", "#f7f7f7", "#67a9cf", "#2166ac");

    @TempDir
    static Path temp;
    private static Site site;
    private static WebDriver driver;
    private static Path[] periods;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        periods = ShiftedPeriods.make(temp);
        site = new Site(temp.resolve("work"));
        driver = Chromium.start(temp.resolve("profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        site.close();
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static List<?> fills() {
        return (List<?>) script("return Array.from(document.querySelectorAll('#map path.leaflet-interactive'))"
                + ".map(p => p.getAttribute('fill'))");
    }

    /** The page's panels and map against the change's own collection. */
    private static void assertTheChange(JsonNode change, String page) throws Exception {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("map"))
                .getAttribute("data-windows") != null && !d.findElements(By.cssSelector("#transition-matrix td")).isEmpty());
        int features = change.get("features").size();
        assertEquals(String.valueOf(features), driver.findElement(By.id("map")).getAttribute("data-windows"), page);
        JsonNode transitions = change.get("summary").get("transitions");
        List<?> cells = (List<?>) script("return Array.from(document.querySelectorAll('#transition-matrix td'))"
                + ".map(c => c.dataset.from + '>' + c.dataset.to + '=' + c.dataset.count)");
        assertEquals(transitions.size() * transitions.size(), cells.size(), page);
        for (Object cell : cells) {
            String[] parts = cell.toString().split("[>=]");
            assertEquals(transitions.get(parts[0]).get(parts[1]).asText(), parts[2], page + ": " + cell);
        }
        assertEquals(String.valueOf(features), driver.findElement(By.id("change-histogram")).getAttribute("data-windows"));
        assertTrue(driver.findElement(By.id("change-model")).getText().contains("proxy training on EuroSAT mosaics"),
                driver.findElement(By.id("change-model")).getText());
        List<?> byDominant = fills();
        String key = change.get("features").get(0).get("properties").get("dominant_after").asText();
        new Select(driver.findElement(By.id("colour-by"))).selectByValue(key);
        List<?> byChange = fills();
        assertNotEquals(byDominant, byChange, page + ": the selector recolours the windows");
        assertTrue(DIVERGING.containsAll(byChange), page + ": a class's change on the diverging scale: " + byChange);
        assertEquals(List.of(), Chromium.consoleErrors(driver), page + " logs no errors");
    }

    @Test
    void changeHtmlOpensFromAFileWithItsMatrixAndHistogram() throws Exception {
        Path out = temp.resolve("change");
        Site.cli("change", "--before", periods[0].toString(), "--after", periods[1].toString(),
                "--ancillary-values", TestData.ANCILLARY_TEXT, "--out", out.toString(), "--models", "models");
        Chromium.consoleErrors(driver);   // reading the log empties it of the pages before
        driver.get(out.resolve("change.html").toUri().toString());
        assertTheChange(Site.JSON.readTree(out.resolve("change.geojson").toFile()), "change.html");
        Files.write(SHOTS.resolve("change-html.png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theResultsPageOfAChangeJobMapsItWithTheMatrix() throws Exception {
        String body = "{\"inputs\": {\"before\": {\"value\": \"" + base64(periods[0]) + "\", \"mediaType\": \"image/tiff\"}, "
                + "\"after\": {\"value\": \"" + base64(periods[1]) + "\", \"mediaType\": \"image/tiff\"}, "
                + "\"ancillaryValues\": \"" + TestData.ANCILLARY_TEXT + "\"}}";
        String job = site.post("/processes/estimate-change/execution", body);
        String status = "";
        for (int i = 0; i < 600 && !status.equals("successful") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = site.json("/jobs/" + job).get("status").asText();
        }
        assertEquals("successful", status, site.json("/jobs/" + job).toString());
        Chromium.consoleErrors(driver);
        driver.get(site.base + "/jobs/" + job + "/results");
        assertTheChange(site.json("/jobs/" + job + "/results/change"), "the results page");
    }

    @Test
    void aPersonRunsAChangeFromTheFormWithTwoDatesBefore() throws Exception {
        // two dates before (their composite), one after: as the command line makes the same change
        Path out = temp.resolve("form-cli");
        Site.cli("change", "--before", periods[0].toString(), "--before", periods[1].toString(),
                "--after", periods[1].toString(), "--ancillary-values", TestData.ANCILLARY_TEXT, "--no-pictures",
                "--out", out.toString(), "--models", "models");
        JsonNode expected = Site.JSON.readTree(out.resolve("change.geojson").toFile());

        Chromium.consoleErrors(driver);
        driver.get(site.base + "/processes/estimate-change");
        assertEquals("true", driver.findElement(By.id("in-before-file")).getAttribute("multiple"));
        driver.findElement(By.id("in-before-file")).sendKeys(periods[0].toAbsolutePath() + "\n"
                + periods[1].toAbsolutePath());
        driver.findElement(By.id("in-after-file")).sendKeys(periods[1].toAbsolutePath().toString());
        driver.findElement(By.id("in-ancillaryValues")).sendKeys(TestData.ANCILLARY_TEXT);
        driver.findElement(By.cssSelector("#execute button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().matches(".*/jobs/[0-9a-f-]{36}\\?f=html"));
        String job = driver.getCurrentUrl().replaceAll(".*/jobs/([0-9a-f-]{36}).*", "$1");
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d -> List.of("successful", "failed")
                .contains(d.findElement(By.id("job")).getAttribute("data-status")));
        assertEquals("successful", driver.findElement(By.id("job")).getAttribute("data-status"),
                site.json("/jobs/" + job).toString());
        JsonNode served = site.json("/jobs/" + job + "/results/change");
        assertEquals(expected.get("features").size(), served.get("features").size());
        for (int i = 0; i < served.get("features").size(); i++) {
            assertEquals(expected.get("features").get(i).get("properties").get("terrestrial_wildlands_change").asDouble(),
                    served.get("features").get(i).get("properties").get("terrestrial_wildlands_change").asDouble(), 1e-6,
                    "window " + i);
        }
        assertEquals(List.of(), Chromium.consoleErrors(driver), "the form and the job page log no errors");
    }

    private static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }
}
