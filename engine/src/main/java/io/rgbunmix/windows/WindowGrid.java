package io.rgbunmix.windows;

/**
 * The windows of a raster (SPEC section 4): window (row, col) covers pixels
 * [row*stride, row*stride+size) x [col*stride, col*stride+size) from the upper-left corner;
 * windows that do not fit entirely are left out.
 */
public record WindowGrid(int width, int height, int size, int stride) {
    public WindowGrid {
        if (stride < 1 || stride > size) {
            throw new IllegalArgumentException("stride must be between 1 and " + size + " pixels, got " + stride);
        }
    }

    public int rows() {
        return height < size ? 0 : (height - size) / stride + 1;
    }

    public int cols() {
        return width < size ? 0 : (width - size) / stride + 1;
    }

    public long count() {
        return (long) rows() * cols();
    }

    public Window window(int row, int col) {
        if (row < 0 || row >= rows() || col < 0 || col >= cols()) {
            throw new IndexOutOfBoundsException("no window (" + row + ", " + col + ") in a "
                    + rows() + " x " + cols() + " grid");
        }
        return new Window((long) row * cols() + col, row, col, col * stride, row * stride);
    }
}
