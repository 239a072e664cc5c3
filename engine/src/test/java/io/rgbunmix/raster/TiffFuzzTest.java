package io.rgbunmix.raster;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rgbunmix.ClientMessages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TIFF reading on arbitrary bytes. A client's GeoTIFF either opens, and its first rows read, or is
 * refused with a RasterException in words; the tag editor (used on the files rgbunmix writes) reads
 * tags or refuses with an IOException. Seeds: TiffFuzzTestInputs/; long runs: scripts/fuzz.sh.
 */
class TiffFuzzTest {
    private static Path write(byte[] data) throws IOException {
        Path file = Files.createTempFile("fuzz-", ".tif");
        Files.write(file, data);
        return file;
    }

    @FuzzTest
    void geoTiff(byte[] data) throws IOException {
        Path file = write(data);
        try (GeoRaster raster = GeoRaster.open(file, "raster")) {
            int bands = Math.min(3, raster.bandCount());
            int[] indexes = new int[bands];
            for (int b = 0; b < bands; b++) {
                indexes[b] = b;
            }
            raster.readRows(0, Math.min(2, raster.geometry().height()), indexes);
        } catch (RasterException refused) {
            ClientMessages.assertInWords(refused.getMessage(), "a GeoTIFF refusal", data);
        } finally {
            Files.delete(file);
        }
    }

    @FuzzTest
    void tiffTags(byte[] data) throws IOException {
        Path file = write(data);
        try {
            TiffTagEditor tags = new TiffTagEditor(file);
            tags.ascii(TiffTagEditor.GDAL_NODATA);
            tags.ascii(TiffTagEditor.GDAL_METADATA);
            tags.firstShort(262);
        } catch (IOException refused) {
            // the documented refusal of a damaged or foreign TIFF
        } finally {
            Files.delete(file);
        }
    }
}
