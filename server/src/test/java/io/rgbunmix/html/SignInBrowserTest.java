package io.rgbunmix.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.auth.TestProvider;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages of a server whose users sign in (OpenID Connect, through {@link TestProvider}): in Chromium, a
 * person pastes their token once on the page that asked for it, then sees their own jobs, follows the links,
 * and the token stays in the tab's sessionStorage, never in a URL.
 */
class SignInBrowserTest {
    @TempDir
    static Path temp;
    private static TestProvider provider;
    private static ModelStore models;
    private static RgbunmixServer server;
    private static String base;
    private static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        provider = new TestProvider();
        models = TestData.store();
        server = new RgbunmixServer(new Settings(null, new Settings.Server("127.0.0.1", 0, "work", 20L << 20, ""),
                null, null, null, null, null, provider.settings()), temp.resolve("work"), models);
        base = "http://127.0.0.1:" + server.start();
        driver = Chromium.start(temp.resolve("profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        server.close();
        models.close();
        provider.close();
    }

    private static String job(String token, String message) throws Exception {
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/processes/echo/execution")).header("Content-Type", "application/json")
                .header("Prefer", "respond-async").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"message\": \"" + message + "\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, accepted.statusCode(), accepted.body());
        return new ObjectMapper().readTree(accepted.body()).get("jobID").asText();
    }

    private static Object script(String code) {
        return ((JavascriptExecutor) driver).executeScript(code);
    }

    private static List<String> consoleErrors() {
        // the 401 that asks for the token is the server's answer, not the page's error
        return Chromium.consoleErrors(driver).stream().filter(message -> !message.contains("401")).toList();
    }

    @Test
    void aPersonPastesTheirTokenOnceAndSeesTheirOwnJobs() throws Exception {
        String alice = provider.user("alice");
        String hers = job(alice, "hers");
        String his = job(provider.user("bob"), "his");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);

        driver.get(base + "/jobs?f=html");
        assertTrue(driver.findElement(By.tagName("main")).getText().contains("HTTP 401"));
        driver.findElement(By.id("token")).sendKeys(alice);
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        wait.until(d -> !d.findElements(By.cssSelector("a[href*='" + hers + "']")).isEmpty());
        assertTrue(driver.findElements(By.cssSelector("a[href*='" + his + "']")).isEmpty(), "bob's job is not listed");
        assertEquals(alice, script("return sessionStorage.getItem('rgbunmix.token')"));

        driver.findElement(By.cssSelector("a[href*='" + hers + "']")).click();
        wait.until(d -> "successful".equals(d.findElement(By.id("job")).getAttribute("data-status")));
        assertTrue(driver.getCurrentUrl().contains("/jobs/" + hers), driver.getCurrentUrl());
        assertFalse(driver.getCurrentUrl().contains(alice.substring(0, 20)), "the token is never in a URL");

        // a new page of the same tab: the kept token is sent at once, nothing to paste again
        driver.get(base + "/jobs/" + hers + "/results?f=html");
        wait.until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Results of job"));
        assertEquals(List.of(), consoleErrors());

        driver.findElement(By.id("token-forget")).click();
        wait.until(d -> !d.findElements(By.id("token-form")).isEmpty());
        assertEquals(null, script("return sessionStorage.getItem('rgbunmix.token')"));
    }

    @Test
    void aRefusedTokenIsSaidSoAndNotSentAgainAndAgain() {
        driver.get(base + "/jobs?f=html");
        script("sessionStorage.removeItem('rgbunmix.token')");
        driver.navigate().refresh();
        driver.findElement(By.id("token")).sendKeys("not-a-token");
        driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
        // the page is written anew: what was found on the one before goes stale
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("token-refused")).isDisplayed());
        assertTrue(driver.findElement(By.id("token-refused")).getText().contains("not a JWT"),
                driver.findElement(By.id("token-refused")).getText());
        script("sessionStorage.removeItem('rgbunmix.token')");
    }
}
