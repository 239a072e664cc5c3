package io.rgbunmix.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/notebooks/abundances.ipynb executed as a user would (Debian's jupyter-nbconvert with its Python 3
 * kernel) against a server started here; a failing cell fails the test. The executed copy goes to a
 * temporary folder, never beside the notebook; its map is kept in target/screenshots.
 */
class NotebookTest {
    @TempDir
    Path temp;

    @Test
    void theNotebookRunsTheSampleSceneThroughTheClient() throws Exception {
        Path executed = Files.createDirectories(temp.resolve("executed"));
        Path figures = Files.createDirectories(temp.resolve("figures"));
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer server = new RgbunmixServer(new Settings(null, new Settings.Server("127.0.0.1", 0, "work",
                     64L << 20, ""), null, null, null), temp.resolve("work"), models)) {
            Commands.run(List.of("jupyter-nbconvert", "--to", "notebook", "--execute",
                            "--ExecutePreprocessor.timeout=600", "--ExecutePreprocessor.kernel_name=python3",
                            "--output-dir", executed.toString(), "docs/notebooks/abundances.ipynb"),
                    Path.of("").toAbsolutePath(), 900, "RGBUNMIX_URL", "http://127.0.0.1:" + server.start(),
                    "NOTEBOOK_FIGURES", figures.toString(),
                    "HOME", Files.createDirectories(temp.resolve("home")).toString(),
                    "JUPYTER_RUNTIME_DIR", Files.createDirectories(temp.resolve("runtime")).toString());
        }
        JsonNode notebook = new ObjectMapper().readTree(executed.resolve("abundances.ipynb").toFile());
        String outputs = notebook.get("cells").toString();
        assertTrue(outputs.contains("100 windows; 10 classes"), "the job's windows and classes were printed");
        assertTrue(outputs.contains("woody crops, %"), "the table of woody crops");
        assertTrue(outputs.contains("image/png"), "the map and the chart were drawn");
        assertTrue(Files.size(figures.resolve("notebook-map.png")) > 10_000);
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(figures.resolve("notebook-map.png"), shots.resolve("notebook-map.png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
