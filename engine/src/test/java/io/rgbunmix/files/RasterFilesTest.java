package io.rgbunmix.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.gdal.Origin;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file is comes from its first bytes, never its name; each kind is opened by its own reader. */
class RasterFilesTest {
    @TempDir
    Path temp;

    private Path bytes(String name, int... head) throws Exception {
        byte[] data = new byte[head.length];
        for (int i = 0; i < head.length; i++) {
            data[i] = (byte) head[i];
        }
        return Files.write(temp.resolve(name), data);
    }

    @Test
    void theKindIsReadFromTheFirstBytes() throws Exception {
        assertEquals(RasterFiles.Kind.TIFF, RasterFiles.sniff(bytes("a.jp2", 'I', 'I', 42, 0), "a"));
        assertEquals(RasterFiles.Kind.TIFF, RasterFiles.sniff(bytes("big.dat", 'M', 'M', 0, 43), "b"));
        assertEquals(RasterFiles.Kind.JPEG2000, RasterFiles.sniff(bytes("c.tif", 0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10), "c"));
        assertEquals(RasterFiles.Kind.JPEG2000, RasterFiles.sniff(bytes("d", 0xFF, 0x4F, 0xFF, 0x51), "d"));
        assertEquals(RasterFiles.Kind.STAC_ITEM, RasterFiles.sniff(Files.writeString(temp.resolve("e.tif"),
                "  {\"type\": \"Feature\"}"), "e"));
        assertEquals(RasterFiles.Kind.OTHER, RasterFiles.sniff(Files.writeString(temp.resolve("f.tif"), "GIF89a"), "f"));
    }

    @Test
    void aZipWithoutASafeProductIsRefusedByName() throws Exception {
        Path zip = temp.resolve("product.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
            entries.putNextEntry(new ZipEntry("notes.txt"));
            entries.write("not a product".getBytes());
        }
        RasterException refused = assertThrows(RasterException.class, () -> RasterFiles.sniff(zip, "raster 2"));
        assertTrue(refused.getMessage().startsWith("raster 2: a zip that holds no Sentinel-2 SAFE product"),
                refused.getMessage());
    }

    @Test
    void aGeoTiffIsOpenedBySisAndABandNameOrAPlainFolderIsRefused() throws Exception {
        Path tiff = temp.resolve("scene.dat");
        SyntheticRaster.write(tiff, TestData.utm(300, 200, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE, Double.NaN,
                (x, y, b) -> (x + y + b) % 250);
        try (OpenedRaster opened = RasterFiles.open(tiff, RasterFiles.sniff(tiff, "scene"), "scene", List.of(),
                Origin.USER)) {
            assertEquals(300, opened.source().geometry().width());
            assertTrue(opened.description().contains("GeoTIFF read by Apache SIS"), opened.description());
        }
        RasterException named = assertThrows(RasterException.class, () -> RasterFiles.open(tiff, RasterFiles.Kind.TIFF,
                "scene", List.of("B04", "B03", "B02"), Origin.USER));
        assertTrue(named.getMessage().contains("band names (B04,B03,B02) choose the files of a Sentinel-2 product"),
                named.getMessage());
        Path folder = Files.createDirectories(temp.resolve("tiles"));
        RasterException plain = assertThrows(RasterException.class, () -> RasterFiles.open(folder, RasterFiles.Kind.OTHER,
                "tiles", List.of(), Origin.USER));
        assertTrue(plain.getMessage().contains("not a Sentinel-2 SAFE product"), plain.getMessage());
    }
}
