package io.rgbunmix.raster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TiffStructureTest {
    @TempDir
    Path temp;

    /** A classic little-endian TIFF of one directory with one entry. */
    private Path tiff(int tag, int type, long count, long valueOffset) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        bytes.putShort((short) 1).putShort((short) tag).putShort((short) type).putInt((int) count)
                .putInt((int) valueOffset).putInt(0);
        return Files.write(temp.resolve("t" + System.nanoTime() + ".tif"), bytes.array());
    }

    /** A classic TIFF of the given byte order: one directory of entries {tag, type, count, value or offset}, then data. */
    private Path tiff(ByteOrder order, int[][] entries, byte[] data) throws Exception {
        int directory = 8 + 2 + 12 * entries.length + 4;
        ByteBuffer bytes = ByteBuffer.allocate(directory + data.length).order(order);
        byte mark = (byte) (order == ByteOrder.LITTLE_ENDIAN ? 'I' : 'M');
        bytes.put(mark).put(mark).putShort((short) 42).putInt(8).putShort((short) entries.length);
        for (int[] entry : entries) {
            bytes.putShort((short) entry[0]).putShort((short) entry[1]).putInt(entry[2]);
            if (entry[1] == 3 && entry[2] == 1) {
                bytes.putShort((short) entry[3]).putShort((short) 0);   // one SHORT: in the entry's first two bytes
            } else {
                bytes.putInt(entry[3]);
            }
        }
        bytes.putInt(0).put(data);
        return Files.write(temp.resolve("t" + System.nanoTime() + ".tif"), bytes.array());
    }

    @Test
    void theFirstImagesSampleLayoutIsNotedOnTheWay() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int data = 8 + 2 + 12 * 3 + 4;   // where the values after the directory start
            ByteBuffer values = ByteBuffer.allocate(12).order(order);
            values.putShort((short) 16).putShort((short) 16).putShort((short) 16)   // bits per sample of 3 bands
                    .putShort((short) 2).putShort((short) 2).putShort((short) 2);   // signed integers
            Path shorts = tiff(order, new int[][] {{254, 4, 1, 0}, {258, 3, 3, data}, {339, 3, 3, data + 6}},
                    values.array());
            assertEquals(new TiffStructure.SampleLayout(16, 2), TiffStructure.check(shorts, "raster"), order.toString());
            // one value each, in the entries; no SampleFormat is unsigned
            assertEquals(new TiffStructure.SampleLayout(8, 1), TiffStructure.check(tiff(order, new int[][] {
                    {258, 3, 1, 8}}, new byte[0]), "raster"), order.toString());
            values.putShort(2, (short) 8);   // bands of 16, 8 and 16 bits
            Path mixed = tiff(order, new int[][] {{254, 4, 1, 0}, {258, 3, 3, data}, {339, 3, 3, data + 6}},
                    values.array());
            assertEquals(TiffStructure.SampleLayout.UNKNOWN, TiffStructure.check(mixed, "raster"), order.toString());
            // a reduced-resolution first image (NewSubfileType 1) is not the image a reader takes
            assertEquals(TiffStructure.SampleLayout.UNKNOWN, TiffStructure.check(tiff(order, new int[][] {
                    {254, 4, 1, 1}, {258, 3, 1, 8}}, new byte[0]), "raster"), order.toString());
        }
    }

    @Test
    void aTagDeclaringABillionValuesIsRefusedBeforeTheReaderAllocatesForThem() throws Exception {
        Path huge = tiff(273, 4, 1L << 30, 8);   // StripOffsets: 2^30 LONGs in a 26-byte file
        RasterException e = assertThrows(RasterException.class, () -> GeoRaster.open(huge, "raster"));
        assertEquals("raster: the TIFF is damaged: tag 273 declares more values than the file holds", e.getMessage());
    }

    @Test
    void valuesPastTheEndAndDirectoryLoopsAreRefused() throws Exception {
        Path past = tiff(305, 2, 20, 1000);   // Software: 20 ASCII bytes at offset 1000 of a 26-byte file
        assertEquals("raster: the TIFF is damaged: the values of tag 305 lie beyond the end of the file",
                assertThrows(RasterException.class, () -> TiffStructure.check(past, "raster")).getMessage());
        byte[] loop = Files.readAllBytes(tiff(256, 3, 1, 224));
        ByteBuffer.wrap(loop).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 8);   // next directory: itself
        Path looping = Files.write(temp.resolve("loop.tif"), loop);
        assertEquals("raster: the TIFF is damaged: its directories form a loop",
                assertThrows(RasterException.class, () -> TiffStructure.check(looping, "raster")).getMessage());
    }

    @Test
    void soundTiffsAndFilesThatAreNoTiffPass() throws Exception {
        assertDoesNotThrow(() -> TiffStructure.check(tiff(256, 3, 1, 224), "raster"));
        Path text = Files.writeString(temp.resolve("text.tif"), "not a TIFF at all");
        assertDoesNotThrow(() -> TiffStructure.check(text, "raster"));
        try (var seeds = Files.list(Path.of("engine/src/test/resources/io/rgbunmix/raster/TiffFuzzTestInputs/geoTiff"))) {
            for (Path seed : seeds.filter(p -> p.getFileName().toString().startsWith("gdal-")).toList()) {
                assertDoesNotThrow(() -> TiffStructure.check(seed, "raster"), seed.toString());
            }
        }
    }
}
