package io.rgbunmix.raster;

/**
 * A horizontal strip of the raster, rows [y0, y0 + rows) over the full width, holding the
 * selected bands as floats, band-sequential and row-major: sample (x, y) of band b is
 * {@code bands[b][(y - y0) * width + x]}.
 */
public record Strip(int y0, int width, int rows, float[][] bands) {
    public float sample(int band, int x, int y) {
        return bands[band][(y - y0) * width + x];
    }
}
