package io.rgbunmix.raster;

/**
 * A horizontal strip of the raster, rows [y0, y0 + rows) over the full width (or the columns a region
 * asked for), holding the selected bands as floats, band-sequential and row-major: sample (x, y) of
 * band b is {@code bands[b][(y - y0) * width + x]}.
 *
 * <p>A strip read through a quality mask or made from several dates says more of each pixel, in the
 * same order as the samples: {@code masked} is 1 where the pixel has data that the quality mask rejects
 * (a cloud, its shadow, snow), and {@code dates} has bit d set where date d of a composite gave a valid
 * value. Each is null when the raster has no mask, or is a single date.
 */
public record Strip(int y0, int width, int rows, float[][] bands, byte[] masked, long[] dates) {
    public Strip(int y0, int width, int rows, float[][] bands) {
        this(y0, width, rows, bands, null, null);
    }

    public float sample(int band, int x, int y) {
        return bands[band][(y - y0) * width + x];
    }

    /** The same pixels, said to start at row {@code newY0} (a crop's rows are numbered from its own top). */
    public Strip startingAt(int newY0) {
        return new Strip(newY0, width, rows, bands, masked, dates);
    }

    /** Columns [x0, x0 + newWidth) of this strip, with what it says of each pixel. */
    public Strip columns(int x0, int newWidth) {
        float[][] samples = new float[bands.length][newWidth * rows];
        byte[] maskedPart = masked == null ? null : new byte[newWidth * rows];
        long[] datesPart = dates == null ? null : new long[newWidth * rows];
        for (int row = 0; row < rows; row++) {
            int from = row * width + x0;
            int to = row * newWidth;
            for (int b = 0; b < bands.length; b++) {
                System.arraycopy(bands[b], from, samples[b], to, newWidth);
            }
            if (maskedPart != null) {
                System.arraycopy(masked, from, maskedPart, to, newWidth);
            }
            if (datesPart != null) {
                System.arraycopy(dates, from, datesPart, to, newWidth);
            }
        }
        return new Strip(y0, newWidth, rows, samples, maskedPart, datesPart);
    }
}
