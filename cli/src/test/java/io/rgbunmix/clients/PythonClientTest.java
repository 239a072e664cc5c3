package io.rgbunmix.clients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rgbunmix-client as a user gets it: the wheel built from clients/python with Debian's python3-build (no
 * network, no isolation), unpacked onto PYTHONPATH, and its tests (clients/python/tests/test_client.py)
 * run in Debian's Python against two servers started here, one open and one with a shared token.
 */
class PythonClientTest {
    private static final String TOKEN = "client-test-token";
    @TempDir
    Path temp;

    /** The wheel built from a copy of clients/python (the build writes beside its sources), unpacked. */
    static Path wheel(Path temp) throws Exception {
        Path source = temp.resolve("client-source");
        try (Stream<Path> files = Files.walk(Path.of("clients/python"))) {
            for (Path file : files.filter(f -> !f.toString().contains("__pycache__")).toList()) {
                Path target = source.resolve(Path.of("clients/python").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path dist = temp.resolve("dist");
        Commands.run(List.of(Commands.PYTHON.toString(), "-m", "build", "--wheel", "--no-isolation", "--outdir",
                dist.toString(), source.toString()), Path.of("").toAbsolutePath(), 120);
        Path wheel;
        try (Stream<Path> built = Files.list(dist)) {
            wheel = built.filter(f -> f.getFileName().toString().matches("rgbunmix_client-[0-9.]+-py3-none-any\\.whl"))
                    .findFirst().orElseThrow();
        }
        Path installed = Files.createDirectories(temp.resolve("wheel"));
        Commands.unzip(wheel, installed);
        return installed;
    }

    @Test
    void theWheelsTestsPassAgainstARealServer() throws Exception {
        Path installed = wheel(temp);
        Path cli = Commands.sampleRun(temp.resolve("cli"));
        Path out = Files.createDirectories(temp.resolve("out"));
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer open = new RgbunmixServer(new Settings(null, new Settings.Server("127.0.0.1", 0, "work",
                     64L << 20, ""), null, null, null), temp.resolve("open"), models);
             RgbunmixServer guarded = new RgbunmixServer(new Settings(null, new Settings.Server("127.0.0.1", 0, "work",
                     64L << 20, TOKEN), null, null, null), temp.resolve("guarded"), models)) {
            String report = Commands.run(List.of(Commands.PYTHON.toString(), "clients/python/tests/test_client.py"),
                    Path.of("").toAbsolutePath(), 600,
                    "PYTHONPATH", installed.toString(), "WHEEL_DIR", installed.toString(),
                    "RGBUNMIX_URL", "http://127.0.0.1:" + open.start(),
                    "RGBUNMIX_GUARDED_URL", "http://127.0.0.1:" + guarded.start(), "RGBUNMIX_TOKEN", TOKEN,
                    "SCENE", Path.of("samples/scene.tif").toAbsolutePath().toString(),
                    "SCENE_ANCILLARY", Path.of("samples/scene-ancillary.geojson").toAbsolutePath().toString(),
                    "CLI_GEOJSON", cli.toString(), "OUT_DIR", out.toString(),
                    "FAR_ANCILLARY", Commands.farAwayAncillary(temp.resolve("far")).toString());
            assertTrue(report.matches("(?s).*Ran [1-9][0-9]* tests.*") && report.trim().endsWith("OK"), report);
        }
    }
}
