package io.rgbunmix.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WindowGridTest {
    @Test
    void adjacentWindowsLeaveOutThePartialEdge() {
        WindowGrid grid = new WindowGrid(1000, 700, 224, 224);
        assertEquals(3, grid.rows()); // 700 / 224 = 3.1
        assertEquals(4, grid.cols()); // 1000 / 224 = 4.5
        assertEquals(new Window(6, 1, 2, 448, 224), grid.window(1, 2));
    }

    @Test
    void strideBelowTheWindowOverlaps() {
        WindowGrid grid = new WindowGrid(1000, 700, 224, 112);
        assertEquals((700 - 224) / 112 + 1, grid.rows()); // 5
        assertEquals((1000 - 224) / 112 + 1, grid.cols()); // 7
        Window last = grid.window(4, 6);
        assertEquals(6 * 112, last.x());
        assertEquals(4 * 112, last.y());
        assertEquals(34, last.id());
        assertEquals(35, grid.count());
    }

    @Test
    void smallerThanAWindowHasNone() {
        assertEquals(0, new WindowGrid(223, 5000, 224, 224).count());
        assertEquals(1, new WindowGrid(224, 224, 224, 1).count());
    }

    @Test
    void strideOutsideItsRangeIsRefused() {
        assertEquals("stride must be between 1 and 224 pixels, got 0",
                assertThrows(IllegalArgumentException.class, () -> new WindowGrid(500, 500, 224, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WindowGrid(500, 500, 224, 225));
        assertThrows(IndexOutOfBoundsException.class, () -> new WindowGrid(500, 500, 224, 224).window(2, 0));
    }
}
