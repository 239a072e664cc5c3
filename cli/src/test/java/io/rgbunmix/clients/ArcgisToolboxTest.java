package io.rgbunmix.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ArcGIS Pro toolbox as a user gets it (the zip of clients/arcgis/package.py, unpacked), driven as ArcGIS
 * Pro drives a Python toolbox, under the stand-in arcpy of clients/arcgis/tests/standin (ArcGIS Pro does not
 * run on Linux), against a server started here; and its files read with Python 3.9's grammar.
 */
class ArcgisToolboxTest {
    @TempDir
    Path temp;

    @Test
    void theToolboxRunsTheServersProcessesAsArcgisProDrivesIt() throws Exception {
        Path repository = Path.of("").toAbsolutePath();
        Path zip = temp.resolve("rgbunmix-arcgis-toolbox.zip");
        Commands.run(List.of(Commands.PYTHON.toString(), "clients/arcgis/package.py", zip.toString()), repository, 60);
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            List<String> names = archive.stream().map(e -> e.getName()).sorted().toList();
            assertEquals(List.of("rgbunmix/rgbunmix.pyt", "rgbunmix/rgbunmix_arcgis.py",
                    "rgbunmix/rgbunmix_client/__init__.py", "rgbunmix/rgbunmix_client/client.py",
                    "rgbunmix/rgbunmix_client/py.typed", "rgbunmix/rgbunmix_client/schema.py"), names,
                    "the toolbox, its module and the client; never the stand-in arcpy");
        }
        Path toolbox = Files.createDirectories(temp.resolve("toolbox"));
        Commands.unzip(zip, toolbox);
        Path cli = Commands.sampleRun(temp.resolve("cli"));
        Path out = Files.createDirectories(temp.resolve("out"));
        try (ModelStore models = new ModelStore(Path.of("models"), new InferenceSettings(16, 1));
             RgbunmixServer server = new RgbunmixServer(new Settings(null, new Settings.Server("127.0.0.1", 0, "work",
                     64L << 20, ""), null, null, null), temp.resolve("work"), models)) {
            String report = Commands.run(List.of(Commands.PYTHON.toString(), "clients/arcgis/tests/test_toolbox.py"),
                    repository, 600, "RGBUNMIX_URL", "http://127.0.0.1:" + server.start(),
                    "TOOLBOX_DIR", toolbox.toString(), "RGBUNMIX_ARCGIS_SETTINGS", temp.resolve("arcgis.json").toString(),
                    "SCENE", Path.of("samples/scene.tif").toAbsolutePath().toString(),
                    "SCENE_ANCILLARY", Path.of("samples/scene-ancillary.geojson").toAbsolutePath().toString(),
                    "CLI_GEOJSON", cli.toString(), "OUT_DIR", out.toString(),
                    "FAR_ANCILLARY", Commands.farAwayAncillary(temp.resolve("far")).toString());
            assertTrue(report.matches("(?s).*Ran [1-9][0-9]* tests.*") && report.trim().endsWith("OK"), report);
        }
    }

    @Test
    void itsFilesAreArcgisProsPython39() throws Exception {
        String report = Commands.run(List.of(Commands.PYTHON.toString(), "clients/arcgis/tests/test_syntax.py"),
                Path.of("").toAbsolutePath(), 60);
        assertTrue(report.matches("(?s).*Ran [1-9][0-9]* tests.*") && report.trim().endsWith("OK"), report);
    }
}
