package io.rgbunmix.qgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.clients.Commands;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's results added to headless QGIS as a layer through QGIS's own OGC API - Features provider (OAPIF), with no
 * plugin: every window of the job's GeoJSON, paged as QGIS pages it, with its attributes, in CRS84.
 */
class QgisFeaturesLayerTest {
    @TempDir
    Path temp;

    @Test
    void qgisLoadsAJobsCollectionAsALayer() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        Path home = Files.createDirectories(temp.resolve("home"));
        Path runtime = Files.createDirectories(temp.resolve("runtime"));
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer server = new RgbunmixServer(new Settings(Settings.DEFAULT.engine(),
                     new Settings.Server("127.0.0.1", 0, "work", 64L << 20, ""), Settings.DEFAULT.jobs(), null, null),
                     temp.resolve("work"), models)) {
            String url = "http://127.0.0.1:" + server.start();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(url
                    + "/processes/estimate-abundances/execution")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"raster\": {\"value\": \""
                            + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of("samples/scene.tif")))
                            + "\", \"mediaType\": \"image/tiff\"}, \"ancillaryValues\": \"evapotranspiration=894,"
                            + "precipitation=376,elevation=519,slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, done.statusCode(), done.body());
            String location = done.headers().firstValue("Location").orElseThrow();
            String job = location.substring(location.lastIndexOf('/') + 1);
            Path expected = temp.resolve("result.geojson");
            http.send(HttpRequest.newBuilder(URI.create(url + "/jobs/" + job + "/results/result")).build(),
                    HttpResponse.BodyHandlers.ofFile(expected));
            String report = Commands.run(List.of(Commands.PYTHON.toString(), "cli/src/test/python/qgis_oapif.py", url, job,
                    expected.toString()), repository, 300, "QT_QPA_PLATFORM", "offscreen", "HOME", home.toString(),
                    "XDG_RUNTIME_DIR", runtime.toString());
            assertTrue(report.trim().endsWith("OK"), report);
            assertTrue(report.contains("features 100"), "the sample scene's 100 windows, over 25 pages of 4: " + report);
            assertTrue(report.contains("crs OGC:CRS84") || report.contains("crs EPSG:4326"), report);
        }
    }
}
