package io.rgbunmix.wps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Executions listed (GetExecutions) and kept across a restart of the server. */
class WpsJobsTest {
    @TempDir
    Path temp;

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String echo(String wps, String message, boolean async) throws Exception {
        return get(wps + "?service=WPS&version=1.0.0&request=Execute&identifier=unmix:Echo&DataInputs="
                + URLEncoder.encode(message, StandardCharsets.UTF_8) + (async ? "&storeExecuteResponse=true&status=true" : ""));
    }

    private static String id(String response) {
        Matcher m = Pattern.compile("executionId=([0-9a-f-]{36})").matcher(response);
        assertTrue(m.find(), response);
        return m.group(1);
    }

    @Test
    void getExecutionsListsFiltersAndPagesWithEachEntryValid() throws Exception {
        try (ModelStore models = TestData.store(); RgbunmixServer server = new RgbunmixServer(
                TestServers.settings(Settings.DEFAULT.jobs(), ""), temp.resolve("work"), models)) {
            String wps = "http://127.0.0.1:" + server.start() + "/wps";
            for (int i = 0; i < 3; i++) {
                assertTrue(echo(wps, "message=m" + i, false).startsWith("200 "));
            }
            String all = get(wps + "?service=WPS&version=1.0.0&request=GetExecutions");
            assertTrue(all.startsWith("200 ") && all.contains("count=\"3\""), all);
            var document = DocumentBuilderFactory.newDefaultInstance();
            document.setNamespaceAware(true);
            Element root = document.newDocumentBuilder().parse(new ByteArrayInputStream(
                    all.substring(4).getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            int entries = 0;
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    StringWriter xml = new StringWriter();
                    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(e), new StreamResult(xml));
                    WpsSchemas.validate(xml.toString().getBytes(StandardCharsets.UTF_8));
                    entries++;
                }
            }
            assertEquals(3, entries);
            String page = get(wps + "?service=WPS&version=1.0.0&request=GetExecutions&maxFeatures=2");
            assertTrue(page.contains("count=\"3\"") && page.contains("startIndex=2"), page);
            assertTrue(get(wps + "?service=WPS&version=1.0.0&request=GetExecutions&status=FAILED").contains("count=\"0\""));
            assertTrue(get(wps + "?service=WPS&version=1.0.0&request=GetExecutions&identifier=unmix:EstimateAbundances")
                    .contains("count=\"0\""));
            assertTrue(get(wps + "?service=WPS&version=1.0.0&request=GetExecutions&maxFeatures=-1").startsWith("400 "));
        }
    }

    @Test
    void aRestartKeepsFinishedResultsAndResumesAcceptedJobsUnderTheirIds() throws Exception {
        String finished;
        String running;
        Path work = temp.resolve("work");
        try (ModelStore models = TestData.store(); RgbunmixServer server = new RgbunmixServer(
                TestServers.settings(Settings.DEFAULT.jobs(), ""), work, models)) {
            String wps = "http://127.0.0.1:" + server.start() + "/wps";
            finished = id(echo(wps, "message=kept across restarts;pause=0.1", true));
            running = id(echo(wps, "message=resumed;pause=1", true));
            for (int i = 0; i < 100 && !(status(wps, finished).contains("ProcessSucceeded")
                    && status(wps, running).contains("ProcessStarted")); i++) {
                Thread.sleep(20);
            }
            assertTrue(status(wps, running).contains("ProcessStarted"), "the server stops while the job runs");
        }
        // what a killed server leaves of requests in flight: a spooled body, a staged input
        Path spooled = Files.writeString(work.resolve("requests").resolve("request-1.body"), "cut short");
        Path staged = Files.createDirectories(work.resolve("staging").resolve("b0e5")).resolve("input-1.dat");
        Files.writeString(staged, "cut short");
        try (ModelStore models = TestData.store(); RgbunmixServer server = new RgbunmixServer(
                TestServers.settings(Settings.DEFAULT.jobs(), ""), work, models)) {
            String wps = "http://127.0.0.1:" + server.start() + "/wps";
            assertFalse(Files.exists(spooled) || Files.exists(staged), "leftovers of requests in flight are removed");
            assertTrue(status(wps, finished).contains("<wps:ProcessSucceeded>"), status(wps, finished));
            assertEquals("200 kept across restarts", get(wps + "?service=WPS&version=1.0.0&request=GetExecutionResult"
                    + "&executionId=" + finished + "&outputId=echo.txt"));
            String resumed = status(wps, running);
            for (int i = 0; i < 200 && !resumed.contains("ProcessSucceeded") && !resumed.contains("ProcessFailed"); i++) {
                Thread.sleep(25);
                resumed = status(wps, running);
            }
            assertTrue(resumed.contains("<wps:ProcessSucceeded>")
                    && resumed.contains("<wps:LiteralData>resumed</wps:LiteralData>"), resumed);
        }
    }

    private static String status(String wps, String id) throws Exception {
        return get(wps + "?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + id);
    }
}
