package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver (.ci/run installs both; nothing is downloaded). A person's path through them: the
 * landing page, the execute form with the sample scene, the job page until it ends, the results map
 * (its windows, a click, the class selector, the keyboard), the run's own abundances.html from a file,
 * and the WPS request builder. Screenshots go to target/screenshots.
 */
class BrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final List<String> RAMP = List.of("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725");

    @TempDir
    static Path temp;
    private static Site site;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
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

    private static WebDriverWait waiting(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    private static Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    private static void screenshot(String name) throws Exception {
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    private static List<String> consoleErrors() {
        return Chromium.consoleErrors(driver);
    }

    /** Every form control has a label, and every image a text alternative. */
    private static void assertAccessible(String page) {
        assertEquals(0L, script("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).length"), page + ": unlabelled fields");
        assertEquals(0L, script("return document.querySelectorAll('img:not([alt])').length"), page + ": images without alt");
    }

    private static List<?> fills() {
        return (List<?>) script("return Array.from(document.querySelectorAll('#map path.leaflet-interactive'))"
                + ".map(p => p.getAttribute('fill'))");
    }

    @Test
    void aPersonRunsTheSampleSceneFromTheFormAndExploresItsMap() throws Exception {
        consoleErrors();   // reading the log empties it of the pages before
        driver.get(site.base + "/");
        assertTrue(driver.getTitle().contains("rgbunmix"), driver.getTitle());
        assertEquals(List.of(), consoleErrors(), "the landing page logs no errors");
        screenshot("landing.png");

        driver.get(site.base + "/processes/estimate-abundances");
        assertAccessible("process page");
        driver.findElement(By.id("in-raster-file")).sendKeys(Site.SCENE.toAbsolutePath().toString());
        driver.findElement(By.id("in-ancillary-file")).sendKeys(Site.SCENE_ANCILLARY.toAbsolutePath().toString());
        new Select(driver.findElement(By.id("in-level"))).selectByValue("N1");
        screenshot("process.png");
        driver.findElement(By.cssSelector("#execute button[type=submit]")).click();

        waiting(30).until(d -> d.getCurrentUrl().matches(".*/jobs/[0-9a-f-]{36}\\?f=html"));
        String job = driver.getCurrentUrl().replaceAll(".*/jobs/([0-9a-f-]{36}).*", "$1");
        waiting(120).until(d -> "successful".equals(d.findElement(By.id("job")).getAttribute("data-status")));
        assertEquals("100", driver.findElement(By.id("job-progress")).getAttribute("value"));
        assertAccessible("job page");
        screenshot("job.png");

        driver.findElement(By.cssSelector("#job-results a")).click();
        waiting(30).until(d -> d.findElement(By.id("map")).getAttribute("data-windows") != null);
        long features = site.json("/jobs/" + job + "/results/result").get("features").size();
        assertEquals(100, features);
        assertEquals(features, script("return window.rgbunmixMap.layer.getLayers().length"));
        assertEquals(String.valueOf(features), driver.findElement(By.id("map")).getAttribute("data-windows"));
        assertAccessible("results page");
        assertEquals(List.of(), consoleErrors(), "the results page logs no errors");

        driver.findElements(By.cssSelector("#map path.leaflet-interactive")).get(44).click();
        // the popup fades in: its text, each percentage's too, is visible once it is shown (on a busy machine the
        // percentages read empty for a moment after the popup's own text)
        WebElement info = waiting(10).until(d -> {
            WebElement shown = d.findElement(By.cssSelector(".leaflet-popup-content .window-info"));
            return shown.isDisplayed() && !shown.getText().isEmpty() && shown.findElements(By.cssSelector(".percent"))
                    .stream().noneMatch(p -> p.getText().isEmpty()) ? shown : null;
        });
        List<WebElement> percents = info.findElements(By.cssSelector(".percent"));
        assertEquals(4, percents.size(), info.getText());
        percents.forEach(p -> assertTrue(p.getText().matches("\\d+\\.\\d\\s%"), "[" + p.getText() + "]"));
        assertTrue(info.getText().contains("Presence probability") && info.getText().contains("temp_ave"), info.getText());
        assertTrue(info.getText().contains("masked by clouds, shadows, snow") && info.getText().contains("mask none"),
                "what the pixels were: " + info.getText());
        screenshot("results-map.png");

        script("window.rgbunmixMap.map.closePopup()");
        List<?> byDominant = fills();
        new Select(driver.findElement(By.id("colour-by"))).selectByValue("agricultural_lands");
        List<?> byAgriculture = fills();
        assertNotEquals(byDominant, byAgriculture, "the selector recolours the windows");
        assertTrue(RAMP.containsAll(byAgriculture), "one class's percentage on the graduated ramp: " + byAgriculture);
        assertTrue(driver.findElement(By.cssSelector(".legend")).getText().contains("Agricultural lands, % of the window"));
        script("window.rgbunmixMap.map.fitBounds(window.rgbunmixMap.layer.getBounds(), {animate: false})");
        screenshot("results-choropleth.png");

        // the keyboard alone: Tab to the selector, an arrow to the next class
        driver.get(site.base + "/jobs/" + job + "/results");
        waiting(30).until(d -> d.findElement(By.id("map")).getAttribute("data-windows") != null);
        List<?> before = fills();
        for (int i = 0; i < 40 && !"colour-by".equals(script("return document.activeElement.id")); i++) {
            driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertEquals("colour-by", script("return document.activeElement.id"), "the selector is reached with Tab");
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
        assertNotEquals(before, fills(), "and changed with the arrow keys");
    }

    @Test
    void aRunningJobIsDismissedFromItsPage() throws Exception {
        String job = site.post("/processes/echo/execution", "{\"inputs\": {\"message\": \"slow\", \"pause\": 60}}");
        driver.get(site.base + "/jobs/" + job);
        waiting(10).until(d -> "running".equals(d.findElement(By.id("job")).getAttribute("data-status")));
        assertEquals("running", driver.findElement(By.id("job-status")).getText().toLowerCase(java.util.Locale.ROOT));
        driver.findElement(By.id("job-dismiss")).click();
        waiting(10).until(d -> "dismissed".equals(d.findElement(By.id("job")).getAttribute("data-status")));
        assertEquals(404, site.get("/jobs/" + job, "application/json").statusCode(), "the job is gone from the server");
    }

    @Test
    void theRunsOwnMapOpensFromAFileWithNoServer() throws Exception {
        Path out = temp.resolve("run");
        Site.cli("run", "--raster", Site.SCENE.toString(), "--ancillary", Site.SCENE_ANCILLARY.toString(),
                "--out", out.toString(), "--models", "models");
        long features = Site.JSON.readTree(out.resolve("abundances.geojson").toFile()).get("features").size();
        consoleErrors();   // reading the log empties it of the pages before
        driver.get(out.resolve("abundances.html").toUri().toString());
        waiting(30).until(d -> d.findElement(By.id("map")).getAttribute("data-windows") != null);
        assertEquals(String.valueOf(features), driver.findElement(By.id("map")).getAttribute("data-windows"));
        assertEquals(features, script("return window.rgbunmixMap.layer.getLayers().length"));
        assertEquals(List.of(), consoleErrors(), "abundances.html logs no errors");
        assertAccessible("abundances.html");
        screenshot("abundances-html.png");
    }

    @Test
    void theWpsPageComposesAndSendsAnExecute() throws Exception {
        driver.get(site.base + "/wps");
        assertTrue(driver.getTitle().startsWith("OGC WPS 1.0.0"), driver.getTitle());
        assertAccessible("WPS page");
        Select process = new Select(driver.findElement(By.id("wps-process")));
        process.selectByVisibleText(process.getOptions().stream().map(WebElement::getText)
                .filter(t -> t.startsWith("unmix:Echo")).findFirst().orElseThrow());
        String index = process.getFirstSelectedOption().getAttribute("value");
        driver.findElement(By.id("wps-" + index + "-message")).sendKeys("hola desde el navegador");
        driver.findElement(By.id("wps-compose")).click();
        waiting(10).until(d -> d.findElement(By.id("wps-request")).getAttribute("value").contains("unmix:Echo"));
        driver.findElement(By.cssSelector("#wps-builder button[type=submit]")).click();
        waiting(30).until(d -> d.findElement(By.id("wps-response")).getText().contains("hola desde el navegador"));
        assertTrue(driver.findElement(By.id("wps-status")).getText().startsWith("HTTP 200"));
        screenshot("wps.png");
    }
}
