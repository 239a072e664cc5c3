package io.rgbunmix.raster;

/**
 * Rows [y0, y0 + rows) of three 8-bit bands, pixel-interleaved as the model takes its image (R, G, B, R, G, B ...,
 * row-major; unsigned): pixel (x, y)'s red is {@code rgb[3 * ((y - y0) * width + x)] & 0xFF}. A quarter of the
 * memory of a {@link Strip}'s floats, and each window's row is one run of bytes: what a source that decodes 8-bit
 * pixels itself hands the engine when nothing (mask, dates, rescale) is to be said of them.
 */
public record RgbStrip(int y0, int width, int rows, byte[] rgb) {
    public RgbStrip {
        if (rgb.length != 3 * width * rows) {
            throw new IllegalArgumentException(rgb.length + " bytes for " + width + " x " + rows + " RGB pixels");
        }
    }
}
