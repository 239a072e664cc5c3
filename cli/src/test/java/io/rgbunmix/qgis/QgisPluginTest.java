package io.rgbunmix.qgis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.clients.Commands;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QGIS plugin as a user installs it (the zip of qgis-plugin/package.py, unpacked into a plugins
 * folder), in Debian's QGIS run headless (python3-qgis, .ci/run installs it; a missing QGIS fails this
 * test), against a server started here: qgis-plugin/tests/test_plugin.py, whose results are compared
 * with `rgbunmix run` on the same scene and models.
 */
class QgisPluginTest {
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path temp;

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void thePluginRunsTheServersProcessesInQgis() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        Path zip = temp.resolve("rgbunmix-qgis-plugin.zip");
        Commands.run(List.of(Commands.PYTHON.toString(), "qgis-plugin/package.py", zip.toString()), repository, 60);
        List<String> names = entries(zip);
        assertTrue(names.containsAll(List.of("rgbunmix/__init__.py", "rgbunmix/metadata.txt", "rgbunmix/provider.py",
                "rgbunmix/algorithm.py", "rgbunmix/rgbunmix_client/__init__.py", "rgbunmix/rgbunmix_client/client.py",
                "rgbunmix/rgbunmix_client/schema.py")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("__pycache__") || n.contains("tests/")), names.toString());
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        Commands.unzip(zip, plugins);

        Path cli = Commands.sampleRun(temp.resolve("cli"));

        Path out = Files.createDirectories(temp.resolve("out"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path runtime = Files.createDirectories(temp.resolve("runtime"));
        runtime.toFile().setReadable(true, true);
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer server = new RgbunmixServer(new Settings(Settings.DEFAULT.engine(),
                     new Settings.Server("127.0.0.1", 0, "work", 64L << 20, ""), Settings.DEFAULT.jobs(), null, null),
                     temp.resolve("work"), models)) {
            String url = "http://127.0.0.1:" + server.start();
            String report = Commands.run(List.of(Commands.PYTHON.toString(), "qgis-plugin/tests/test_plugin.py", url,
                            cli.toString(), out.toString()), repository, 300,
                    "QT_QPA_PLATFORM", "offscreen", "HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString(),
                    "RGBUNMIX_PLUGINS", plugins.toString(),
                    "FAR_ANCILLARY", Commands.farAwayAncillary(temp.resolve("far")).toString());
            assertTrue(report.matches("(?s).*Ran [1-9][0-9]* tests.*") && report.trim().endsWith("OK"), report);
        }
        Files.createDirectories(SHOTS);
        for (String shot : List.of("qgis-dialog.png", "qgis-result.png")) {
            Files.copy(out.resolve(shot), SHOTS.resolve(shot), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
