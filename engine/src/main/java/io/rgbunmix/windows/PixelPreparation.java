package io.rgbunmix.windows;

import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import java.nio.FloatBuffer;

/**
 * Turns a window of a strip into the model's image input: 224 x 224 x 3 floats, RGB,
 * 0..255, row-major pixels with interleaved channels (NHWC). A pixel is no data when any of
 * its three bands holds the band's no-data value or NaN, and otherwise masked when the strip says its
 * quality mask rejects it (so the edge of a scene, where the mask too says "no data", stays no data). Pixels of either
 * kind are filled with the mean of the window's valid pixels so that they pull the model towards nothing.
 *
 * @param rescale  stretch to 0..255, or null to take the samples as they are
 * @param noData   no-data value of each of the three selected bands (NaN for none)
 */
public record PixelPreparation(Rescale rescale, double[] noData) {
    private static final int SIZE = ModelContract.WINDOW;
    private static final long PIXELS = (long) SIZE * SIZE;

    /**
     * What a window's pixels were.
     *
     * @param dataFraction   the part with data (valid or masked), 0..1: what minValidFraction bounds
     * @param maskedFraction the part the quality mask rejects, 0..1
     * @param dates          the dates of a composite that gave at least one of its pixels, one bit each
     */
    public record WindowPixels(double dataFraction, double maskedFraction, long dates) {
    }

    /**
     * Writes the window whose upper-left pixel is (x, strip.y0()) at the buffer's position
     * and advances it by one window; says what its pixels were.
     */
    public WindowPixels fill(Strip strip, int x, FloatBuffer target) {
        return fill(strip, x, target, new float[ModelContract.WINDOW_FLOATS]);
    }

    /**
     * The same, with {@code scratch} (at least {@link ModelContract#WINDOW_FLOATS} floats, its content ignored) to
     * build the window in: the engine passes the same array for every window, and the window reaches the
     * buffer in one bulk copy rather than a put per sample.
     */
    public WindowPixels fill(Strip strip, int x, FloatBuffer target, float[] scratch) {
        long valid = 0;
        long maskedCount = 0;
        long dates = 0;
        float[] red = strip.bands()[0];
        float[] green = strip.bands()[1];
        float[] blue = strip.bands()[2];
        byte[] masked = strip.masked();
        long[] used = strip.dates();
        double noDataR = noData[0];
        double noDataG = noData[1];
        double noDataB = noData[2];
        int k = 0;
        for (int row = 0; row < SIZE; row++) {
            int offset = row * strip.width() + x;
            for (int i = offset; i < offset + SIZE; i++, k += 3) {
                float r = red[i];
                float g = green[i];
                float b = blue[i];
                if (used != null) {
                    dates |= used[i];
                }
                // NaN fails both tests: a NaN sample is no data, as a no-data value is
                boolean hasData = r == r && r != noDataR && g == g && g != noDataG && b == b && b != noDataB;
                boolean rejected = hasData && masked != null && masked[i] != 0;
                if (rejected) {
                    maskedCount++;
                }
                if (hasData && !rejected) {
                    if (rescale != null) {
                        r = rescale.apply(r);
                        g = rescale.apply(g);
                        b = rescale.apply(b);
                    }
                    valid++;
                    scratch[k] = r;
                    scratch[k + 1] = g;
                    scratch[k + 2] = b;
                } else {
                    scratch[k] = Float.NaN;
                    scratch[k + 1] = Float.NaN;
                    scratch[k + 2] = Float.NaN;
                }
            }
        }
        if (valid < PIXELS) {
            fillInvalid(scratch, valid);
        }
        target.put(scratch, 0, ModelContract.WINDOW_FLOATS);
        return new WindowPixels((valid + maskedCount) / (double) PIXELS, maskedCount / (double) PIXELS, dates);
    }

    /**
     * The same window from 8-bit pixel-interleaved bytes, which say nothing of masks or dates and are never rescaled:
     * each row of the window is one run of bytes made floats in a loop without a branch, and its pixels are tested
     * against the no-data values only when a band has one that a byte can hold. The window and what is said of its
     * pixels are those {@link #fill(Strip, int, FloatBuffer, float[])} gives for the same samples as floats, bit for
     * bit: a byte is never NaN, and a no-data value no byte holds is never met.
     */
    public WindowPixels fill(RgbStrip strip, int x, FloatBuffer target, float[] scratch) {
        if (rescale != null) {
            throw new IllegalStateException("8-bit samples are taken as they are: a rescale needs their floats");
        }
        byte[] rgb = strip.rgb();
        int rowLength = 3 * SIZE;
        for (int row = 0; row < SIZE; row++) {
            int from = 3 * (row * strip.width() + x);
            int to = row * rowLength;
            for (int i = 0; i < rowLength; i++) {
                scratch[to + i] = rgb[from + i] & 0xFF;
            }
        }
        long valid = PIXELS;
        if (isByte(noData[0]) || isByte(noData[1]) || isByte(noData[2])) {
            valid = markNoData(scratch);
            if (valid < PIXELS) {
                fillInvalid(scratch, valid);
            }
        }
        target.put(scratch, 0, ModelContract.WINDOW_FLOATS);
        return new WindowPixels(valid / (double) PIXELS, 0, 0);
    }

    /** Whether an 8-bit sample can hold this no-data value (NaN, a fraction or -1 it cannot). */
    private static boolean isByte(double value) {
        return value >= 0 && value <= 255 && value == Math.rint(value);
    }

    /** Marks the window's no-data pixels NaN, as the fill of a {@link Strip} does; counts the rest. */
    private long markNoData(float[] window) {
        long valid = 0;
        for (int k = 0; k < ModelContract.WINDOW_FLOATS; k += 3) {
            if (window[k] != noData[0] && window[k + 1] != noData[1] && window[k + 2] != noData[2]) {
                valid++;
            } else {
                window[k] = Float.NaN;
                window[k + 1] = Float.NaN;
                window[k + 2] = Float.NaN;
            }
        }
        return valid;
    }

    /**
     * No-data and masked pixels (NaN in the window) take the mean of the window's valid ones, or zero when none is
     * valid. The mean is summed only here, where it is needed (most windows have no invalid pixel), over the valid
     * pixels in the same order, so it is the same to the last bit.
     */
    private static void fillInvalid(float[] window, long valid) {
        double sumR = 0;
        double sumG = 0;
        double sumB = 0;
        for (int i = 0; i < ModelContract.WINDOW_FLOATS; i += 3) {
            if (!Float.isNaN(window[i])) {
                sumR += window[i];
                sumG += window[i + 1];
                sumB += window[i + 2];
            }
        }
        float r = valid == 0 ? 0f : (float) (sumR / valid);
        float g = valid == 0 ? 0f : (float) (sumG / valid);
        float b = valid == 0 ? 0f : (float) (sumB / valid);
        for (int i = 0; i < ModelContract.WINDOW_FLOATS; i += 3) {
            if (Float.isNaN(window[i])) {
                window[i] = r;
                window[i + 1] = g;
                window[i + 2] = b;
            }
        }
    }
}
