package io.rgbunmix.qgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.cli.Main;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.config.Settings;
import io.rgbunmix.server.RgbunmixServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The QGIS plugin as a user installs it (the zip of qgis-plugin/package.py, unpacked into a plugins
 * folder), in Debian's QGIS run headless (python3-qgis, .ci/run installs it; a missing QGIS fails this
 * test), against a server started here: qgis-plugin/tests/test_plugin.py, whose results are compared
 * with `rgbunmix run` on the same scene and models.
 */
class QgisPluginTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path temp;

    private static String run(List<String> command, Path directory, long seconds, String... environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        for (int i = 0; i < environment.length; i += 2) {
            builder.environment().put(environment[i], environment[i + 1]);
        }
        Process process = builder.start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), "still running after " + seconds + " s");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + text);
        return text;
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static void unzip(Path zip, Path folder) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = folder.resolve(entry.getName()).normalize();
                assertTrue(file.startsWith(folder), entry.getName());
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
    }

    @Test
    void thePluginRunsTheServersProcessesInQgis() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        Path zip = temp.resolve("rgbunmix-qgis-plugin.zip");
        run(List.of(PYTHON.toString(), "qgis-plugin/package.py", zip.toString()), repository, 60);
        List<String> names = entries(zip);
        assertTrue(names.containsAll(List.of("rgbunmix/__init__.py", "rgbunmix/metadata.txt", "rgbunmix/provider.py",
                "rgbunmix/algorithm.py")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("__pycache__") || n.contains("tests/")), names.toString());
        Path plugins = Files.createDirectories(temp.resolve("plugins"));
        unzip(zip, plugins);

        Path cli = temp.resolve("cli");
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, line.execute("run", "--raster", "samples/scene.tif", "--ancillary", "samples/scene-ancillary.geojson",
                "--models", "models", "--out", cli.toString()));

        Path out = Files.createDirectories(temp.resolve("out"));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path runtime = Files.createDirectories(temp.resolve("runtime"));
        runtime.toFile().setReadable(true, true);
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer server = new RgbunmixServer(new Settings(Settings.DEFAULT.engine(),
                     new Settings.Server("127.0.0.1", 0, "work", 64L << 20, ""), Settings.DEFAULT.jobs(), null, null),
                     temp.resolve("work"), models)) {
            String url = "http://127.0.0.1:" + server.start();
            String report = run(List.of(PYTHON.toString(), "qgis-plugin/tests/test_plugin.py", url,
                            cli.resolve("abundances.geojson").toString(), out.toString()), repository, 300,
                    "QT_QPA_PLATFORM", "offscreen", "HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString(),
                    "RGBUNMIX_PLUGINS", plugins.toString());
            assertTrue(report.matches("(?s).*Ran [1-9][0-9]* tests.*") && report.trim().endsWith("OK"), report);
        }
        Files.createDirectories(SHOTS);
        for (String shot : List.of("qgis-dialog.png", "qgis-result.png")) {
            Files.copy(out.resolve(shot), SHOTS.resolve(shot), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
