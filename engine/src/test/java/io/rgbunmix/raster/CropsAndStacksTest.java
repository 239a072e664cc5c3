package io.rgbunmix.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import java.awt.Rectangle;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crops at a raster's edges and stacks of band files, on their own: the pixels a crop reads are the source's,
 * shifted, and its grid moves with it; a stack's band i is layer i, and layers off its grid (another
 * resolution, another type) are refused by name.
 */
class CropsAndStacksTest {
    @TempDir
    Path temp;

    private GeoRaster raster(String name, int width, int height, double pixel, int type, int seed) throws Exception {
        Path file = temp.resolve(name);
        SyntheticRaster.write(file, TestData.utm(width, height, 440000, 4130000, pixel), 1, type, Double.NaN,
                (x, y, b) -> (x * 3 + y * 7 + seed) % 200);
        return GeoRaster.open(file);
    }

    @Test
    void aCropPastTheRightAndBottomEdgesKeepsWhatIsInsideOnItsOwnGrid() throws Exception {
        try (GeoRaster whole = raster("whole.tif", 50, 40, 10, DataBuffer.TYPE_BYTE, 0)) {
            CroppedRaster corner = new CroppedRaster(whole, new Rectangle(30, 25, 100, 100));
            assertEquals(new Rectangle(30, 25, 20, 15), corner.area());
            assertEquals(20, corner.geometry().width());
            assertEquals(15, corner.geometry().height());
            assertEquals(440000 + 30 * 10, corner.geometry().gridToCrs().getTranslateX(), 1e-9);
            assertEquals(4130000 - 25 * 10, corner.geometry().gridToCrs().getTranslateY(), 1e-9);
            Strip rows = corner.readRows(0, 15, new int[] {0});
            for (int y = 0; y < 15; y++) {
                for (int x = 0; x < 20; x++) {
                    assertEquals(((x + 30) * 3 + (y + 25) * 7) % 200, rows.bands()[0][y * 20 + x], 1e-6, x + "," + y);
                }
            }
            Strip inner = corner.readRegion(5, 3, 4, 2, new int[] {0});
            assertEquals(((5 + 30) * 3 + (3 + 25) * 7) % 200, inner.bands()[0][0], 1e-6);
        }
    }

    @Test
    void aCropBeforeTheLeftEdgeStartsAtPixelZeroAndOneOutsideIsRefused() throws Exception {
        try (GeoRaster whole = raster("whole.tif", 50, 40, 10, DataBuffer.TYPE_BYTE, 0)) {
            CroppedRaster left = new CroppedRaster(whole, new Rectangle(-10, -5, 20, 15));
            assertEquals(new Rectangle(0, 0, 10, 10), left.area());
            assertEquals(whole.geometry().gridToCrs(), left.geometry().gridToCrs());
            RasterException outside = assertThrows(RasterException.class,
                    () -> new CroppedRaster(whole, new Rectangle(60, 0, 10, 10)));
            assertTrue(outside.getMessage().endsWith("the area of interest lies outside the raster"), outside.getMessage());
        }
    }

    @Test
    void aStackOfBandFilesReadsLayerIAsBandI() throws Exception {
        try (GeoRaster red = raster("B04.tif", 30, 20, 10, DataBuffer.TYPE_USHORT, 1);
             GeoRaster green = raster("B03.tif", 30, 20, 10, DataBuffer.TYPE_USHORT, 2);
             GeoRaster blue = raster("B02.tif", 30, 20, 10, DataBuffer.TYPE_USHORT, 3)) {
            BandStack stack = new BandStack("product", List.of(red, green, blue), 0);
            assertEquals(3, stack.bandCount());
            assertEquals(0, stack.noData(1), 0);
            Strip rows = stack.readRows(2, 3, new int[] {2, 0});
            assertEquals((4 * 3 + 2 * 7 + 3) % 200, rows.bands()[0][4], 1e-6, "band 2 is the third file (blue)");
            assertEquals((4 * 3 + 2 * 7 + 1) % 200, rows.bands()[1][4], 1e-6, "band 0 is the first file (red)");
        }
    }

    @Test
    void aBandOfAnotherResolutionOrTypeIsRefusedByName() throws Exception {
        try (GeoRaster ten = raster("B04.tif", 30, 20, 10, DataBuffer.TYPE_USHORT, 1);
             GeoRaster twenty = raster("B11.tif", 15, 10, 20, DataBuffer.TYPE_USHORT, 2);
             GeoRaster bytes = raster("TCI.tif", 30, 20, 10, DataBuffer.TYPE_BYTE, 3)) {
            RasterException resolution = assertThrows(RasterException.class,
                    () -> new BandStack("product", List.of(ten, twenty), 0));
            assertTrue(resolution.getMessage().startsWith("product: ") && resolution.getMessage().contains("is not on "
                    + "the grid of") && resolution.getMessage().contains("the bands must share size, pixel and CRS"),
                    resolution.getMessage());
            RasterException type = assertThrows(RasterException.class,
                    () -> new BandStack("product", List.of(ten, bytes), 0));
            assertTrue(type.getMessage().contains("the bands must share one type"), type.getMessage());
        }
    }
}
