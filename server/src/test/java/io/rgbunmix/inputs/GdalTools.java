package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** GDAL's command-line tools (Debian's gdal-bin, installed by .ci/run), to make test files the way users get them. */
final class GdalTools {
    private GdalTools() {
    }

    /**
     * A lossless JPEG 2000 copy of a GeoTIFF, as Sentinel-2's images are. Apache SIS writes 3-band
     * bytes with a palette on band 1, which JPEG 2000 cannot hold: it is dropped from a VRT first.
     */
    static void losslessJpeg2000(Path tiff, Path jp2, String... creationOptions) throws IOException, InterruptedException {
        Path vrt = jp2.resolveSibling(jp2.getFileName() + ".vrt");
        run("gdal_translate", "-q", "-of", "VRT", tiff, vrt);
        Files.writeString(vrt, Files.readString(vrt).replaceAll("(?s)<ColorTable>.*?</ColorTable>", "")
                .replace("<ColorInterp>Palette</ColorInterp>", "<ColorInterp>Red</ColorInterp>"));
        List<Object> command = new ArrayList<>(List.of("gdal_translate", "-q", "-of", "JP2OpenJPEG", "-co", "QUALITY=100",
                "-co", "REVERSIBLE=YES"));
        for (String option : creationOptions) {
            command.add("-co");
            command.add(option);
        }
        command.add(vrt);
        command.add(jp2);
        run(command.toArray());
        Files.delete(vrt);
    }

    /** Runs a GDAL tool, e.g. {@code run("gdal_translate", "-of", "JP2OpenJPEG", in, out)}; fails the test on error. */
    static void run(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        for (Object argument : arguments) {
            command.add(argument instanceof Path p ? p.toString() : String.valueOf(argument));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed: " + output);
    }
}
