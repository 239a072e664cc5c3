package io.rgbunmix.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import picocli.CommandLine;

/** What the tests of the Python clients (QGIS, ArcGIS, notebooks) share: running a program, unzipping, the CLI. */
public final class Commands {
    /** Debian's Python, which has the Debian packages the clients' tests use. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");

    private Commands() {
    }

    /** Runs {@code command} in {@code directory} with these extra environment variables (name, value, ...); its output. */
    public static String run(List<String> command, Path directory, long seconds, String... environment)
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

    /** Unpacks a zip (a plugin, a wheel) into {@code folder}. */
    public static void unzip(Path zip, Path folder) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path file = folder.resolve(entry.getName()).normalize();
                assertTrue(file.startsWith(folder), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.copy(in, file);
            }
        }
    }

    /**
     * The sample scene's ancillary features moved to the Gulf of Guinea, far from the scene: a job that takes
     * them is accepted, then fails while running, naming its ancillary input. The clients' tests use it.
     */
    public static Path farAwayAncillary(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode collection = json.readTree(Path.of("samples/scene-ancillary.geojson").toFile());
        for (JsonNode feature : collection.get("features")) {
            ((ObjectNode) feature).set("geometry", json.readTree(
                    "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0.1], [0, 0]]]}"));
        }
        Path far = Files.createDirectories(folder).resolve("far-away.geojson");
        json.writeValue(far.toFile(), collection);
        return far;
    }

    /** {@code rgbunmix run} on the sample scene at N1 with the repository's models, into {@code out}. */
    public static Path sampleRun(Path out) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(new StringWriter()));
        line.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, line.execute("run", "--raster", "samples/scene.tif", "--ancillary", "samples/scene-ancillary.geojson",
                "--models", "models", "--out", out.toString()));
        return out.resolve("abundances.geojson");
    }
}
