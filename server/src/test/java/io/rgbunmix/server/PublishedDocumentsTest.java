package io.rgbunmix.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server publishes of itself (WPS GetCapabilities and DescribeProcess, OGC API's landing page,
 * conformance, {@code /processes}, each process and {@code /api}) is byte for byte what it published when these
 * copies were saved, before the execution pipeline and the modules were cut anew: a refactoring that changes a
 * client's view of the server fails here. A document that differs is written under
 * {@code server/target/published/} so that a deliberate change can be reviewed and copied over.
 */
class PublishedDocumentsTest {
    private static final Path SAVED = Path.of("server/src/test/resources/published");
    private static final Path ACTUAL = Path.of("server/target/published");

    @TempDir
    Path temp;

    @Test
    void everyPublishedDocumentIsTheSavedCopy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> differing = new ArrayList<>();
        try (TestServer server = TestServer.start(temp, 20L << 20, null, 50L, null)) {
            for (Map.Entry<String, String> document : documents().entrySet()) {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(server.base() + document.getValue()))
                        .header("Accept", document.getKey().endsWith(".xml") ? "application/xml" : "application/json")
                        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, reply.statusCode(), document.getValue());
                // the port is the only thing that changes from one start to the next
                String body = reply.body().replace(server.base(), "http://SERVER");
                Path saved = SAVED.resolve(document.getKey());
                if (!Files.exists(saved) || !Files.readString(saved, StandardCharsets.UTF_8).equals(body)) {
                    Files.createDirectories(ACTUAL);
                    Files.writeString(ACTUAL.resolve(document.getKey()), body, StandardCharsets.UTF_8);
                    differing.add(document.getKey());
                }
            }
        }
        assertTrue(documents().size() >= 12, "every process is described: " + documents().keySet());
        assertEquals(List.of(), differing, "documents that differ from their saved copies (see " + ACTUAL + ")");
    }

    /** File name of each saved copy, and the path that serves it. */
    private static Map<String, String> documents() {
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("wps-capabilities.xml", "/wps?service=WPS&request=GetCapabilities");
        documents.put("wps-describe-all.xml", "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=ALL");
        documents.put("ogcapi-landing.json", "/?f=json");
        documents.put("ogcapi-conformance.json", "/conformance?f=json");
        documents.put("ogcapi-processes.json", "/processes?f=json");
        documents.put("ogcapi-api.json", "/api");
        for (ProcessDescription process : ProcessDescriptions.all()) {
            documents.put("wps-describe-" + process.id() + ".xml",
                    "/wps?service=WPS&version=1.0.0&request=DescribeProcess&identifier=" + process.wpsIdentifier());
            documents.put("ogcapi-process-" + process.id() + ".json", "/processes/" + process.id() + "?f=json");
        }
        return documents;
    }
}
