package io.rgbunmix.windows;

/**
 * One window of the grid: its row and column, its sequential id (row-major) and the pixel
 * coordinates of its upper-left corner.
 */
public record Window(long id, int row, int col, int x, int y) {
}
