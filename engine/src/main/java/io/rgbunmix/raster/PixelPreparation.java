package io.rgbunmix.raster;

import io.rgbunmix.model.ModelContract;
import java.nio.FloatBuffer;

/**
 * Turns a window of a strip into the model's image input: 224 x 224 x 3 floats, RGB,
 * 0..255, row-major pixels with interleaved channels (NHWC). A pixel is invalid when any of
 * its three bands holds the band's no-data value or NaN; invalid pixels are filled with the
 * mean of the window's valid pixels so that they pull the model towards nothing.
 *
 * @param rescale  stretch to 0..255, or null to take the samples as they are
 * @param noData   no-data value of each of the three selected bands (NaN for none)
 */
public record PixelPreparation(Rescale rescale, double[] noData) {
    private static final int SIZE = ModelContract.WINDOW;

    /**
     * Writes the window whose upper-left pixel is (x, strip.y0()) at the buffer's position
     * and advances it by one window; returns the window's valid fraction (0..1).
     */
    public double fill(Strip strip, int x, FloatBuffer target) {
        int start = target.position();
        long valid = 0;
        double[] sums = new double[3];
        float[][] bands = strip.bands();
        for (int row = 0; row < SIZE; row++) {
            int offset = row * strip.width() + x;
            for (int col = 0; col < SIZE; col++) {
                int i = offset + col;
                float r = bands[0][i];
                float g = bands[1][i];
                float b = bands[2][i];
                if (isValid(r, 0) && isValid(g, 1) && isValid(b, 2)) {
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
        return valid / (double) total;
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
