package io.rgbunmix.windows;

import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.Rescale;
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
        int start = target.position();
        long valid = 0;
        long maskedCount = 0;
        long dates = 0;
        double[] sums = new double[3];
        float[][] bands = strip.bands();
        byte[] masked = strip.masked();
        long[] used = strip.dates();
        for (int row = 0; row < SIZE; row++) {
            int offset = row * strip.width() + x;
            for (int col = 0; col < SIZE; col++) {
                int i = offset + col;
                float r = bands[0][i];
                float g = bands[1][i];
                float b = bands[2][i];
                if (used != null) {
                    dates |= used[i];
                }
                boolean hasData = isValid(r, 0) && isValid(g, 1) && isValid(b, 2);
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
                    sums[0] += r;
                    sums[1] += g;
                    sums[2] += b;
                    valid++;
                } else {
                    r = Float.NaN;
                    g = Float.NaN;
                    b = Float.NaN;
                }
                target.put(r).put(g).put(b);
            }
        }
        long total = (long) SIZE * SIZE;
        if (valid < total && valid > 0) {
            fillInvalid(target, start, (float) (sums[0] / valid), (float) (sums[1] / valid), (float) (sums[2] / valid));
        } else if (valid == 0) {
            fillInvalid(target, start, 0f, 0f, 0f);
        }
        return new WindowPixels((valid + maskedCount) / (double) total, maskedCount / (double) total, dates);
    }

    private boolean isValid(float value, int band) {
        return !Float.isNaN(value) && value != noData[band];
    }

    private static void fillInvalid(FloatBuffer target, int start, float r, float g, float b) {
        for (int i = start; i < start + ModelContract.WINDOW_FLOATS; i += 3) {
            if (Float.isNaN(target.get(i))) {
                target.put(i, r).put(i + 1, g).put(i + 2, b);
            }
        }
    }
}
