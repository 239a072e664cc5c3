package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** GDAL's command-line tools (Debian's gdal-bin, installed by .ci/run), to make test files the way users get them. */
public final class GdalTools {
    private GdalTools() {
    }

    /**
     * A lossless JPEG 2000 copy of a GeoTIFF, as Sentinel-2's images are. Apache SIS writes 3-band
     * bytes with a palette on band 1, which JPEG 2000 cannot hold: it is dropped from a VRT first.
     */
    public static void losslessJpeg2000(Path tiff, Path jp2, String... creationOptions) throws IOException, InterruptedException {
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
    public static void run(Object... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        for (Object argument : arguments) {
            command.add(argument instanceof Path p ? p.toString() : String.valueOf(argument));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + " failed: " + output);
    }

    /**
     * A cloud-optimised GeoTIFF of 10 x 10 windows in {@code temp} (UTM 30N, west 440000, north 4130000),
     * noisy enough that its tiles do not compress away; made once, beside the raster it is made from.
     */
    static Path noisyCog(Path temp, String name, String... bandOptions) throws Exception {
        Path big = temp.resolve("big.tif");
        if (!Files.exists(big)) {
            SyntheticRaster.write(big, TestData.utm(10 * 224, 10 * 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                    Double.NaN, (x, y, b) -> 1 + (int) ((Math.sin(x * 0.37 + b) * Math.cos(y * 0.21) + 1) * 60
                            + ((x * 31 + y * 17 + b * 7) * 2654435761L % 97)) % 255);
        }
        Path cog = temp.resolve(name);
        if (!Files.exists(cog)) {
            Stream.Builder<Object> args = Stream.builder();
            Stream.of("gdal_translate", "-q", "-of", "COG", "-co", "BLOCKSIZE=256", "-co", "COMPRESS=DEFLATE").forEach(args);
            Stream.of(bandOptions).forEach(args);
            args.add(big).add(cog);
            run(args.build().toArray());
        }
        return cog;
    }

    /** A SAFE folder zipped as Copernicus delivers it: its entries under the folder's own name. */
    public static Path zip(Path folder, Path zip) throws IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip));
             Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(folder.getParent().relativize(file).toString()
                        .replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return zip;
    }
}
