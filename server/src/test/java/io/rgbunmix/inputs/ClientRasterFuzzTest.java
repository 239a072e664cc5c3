package io.rgbunmix.inputs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rgbunmix.ClientMessages;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A client's raster file on arbitrary bytes, sent as each type a client may declare: it opens, and its
 * first rows read, or it is refused with a RasterException in words; and whatever it names, no file
 * beside it is ever opened. Beside the staged file lie named pipes that count their readers
 * ({@link OpenWatch}): {@code secret.tif}, which the seeds' VRTs, MRFs and SAFE metadata name, and the
 * side-cars GDAL would look for ({@code .aux.xml}, {@code .ovr}). Seeds: ClientRasterFuzzTestInputs/;
 * long runs: scripts/fuzz.sh client-raster.
 */
class ClientRasterFuzzTest {
    private static final List<String> DECLARED = List.of("image/tiff", "image/jp2", "application/zip",
            "application/geo+json");

    /** One staging folder and its watches for the whole run, as the fuzzer calls the test millions of times. */
    private static final class Staging {
        static final Path FOLDER;
        static final Path FILE;
        static final List<OpenWatch> WATCHES;

        static {
            try {
                FOLDER = Files.createTempDirectory("client-raster-fuzz-");
                FILE = FOLDER.resolve("raster.dat");
                WATCHES = List.of(new OpenWatch(FOLDER.resolve("secret.tif")),
                        new OpenWatch(FOLDER.resolve("raster.dat.aux.xml")),
                        new OpenWatch(FOLDER.resolve("raster.dat.ovr")),
                        new OpenWatch(FOLDER.resolve("raster.aux")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int opens() {
        return Staging.WATCHES.stream().mapToInt(OpenWatch::opens).sum();
    }

    @FuzzTest
    void clientRaster(byte[] data) throws Exception {
        Files.write(Staging.FILE, data);
        int before = opens();
        RasterInputs clientFiles = new RasterInputs(null, false);
        for (String type : DECLARED) {
            try (OpenedRaster opened = clientFiles.open(new RasterFile(Staging.FILE, type), "raster", List.of())) {
                RasterSource source = opened.source();
                int bands = Math.min(3, source.bandCount());
                int[] indexes = new int[bands];
                for (int b = 0; b < bands; b++) {
                    indexes[b] = b;
                }
                source.readRows(0, Math.min(2, source.geometry().height()), indexes);
            } catch (RasterException refused) {
                ClientMessages.assertInWords(refused.getMessage(), "a client raster refusal as " + type, data);
            }
        }
        assertEquals(before, opens(), "a file beside the client's was opened");
    }
}
