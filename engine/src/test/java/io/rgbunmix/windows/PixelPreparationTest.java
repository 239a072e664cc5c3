package io.rgbunmix.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window the model gets is bit for bit the one its definition gives: the definition written out plainly here
 * (each pixel's test, the mean of the valid ones for the rest), against the preparation the engine runs.
 */
class PixelPreparationTest {
    private static final int SIZE = ModelContract.WINDOW;

    /** The definition: a pixel is valid when no band is NaN or its no-data value and the mask does not reject it. */
    private static float[] defined(Strip strip, int x, Rescale rescale, double[] noData, double[] fractions) {
        float[] window = new float[ModelContract.WINDOW_FLOATS];
        double[] sums = new double[3];
        long valid = 0;
        long masked = 0;
        for (int row = 0; row < SIZE; row++) {
            for (int col = 0; col < SIZE; col++) {
                int i = row * strip.width() + x + col;
                float[] rgb = {strip.bands()[0][i], strip.bands()[1][i], strip.bands()[2][i]};
                boolean data = true;
                for (int b = 0; b < 3; b++) {
                    data &= !Float.isNaN(rgb[b]) && rgb[b] != noData[b];
                }
                boolean rejected = data && strip.masked() != null && strip.masked()[i] != 0;
                masked += rejected ? 1 : 0;
                int k = 3 * (row * SIZE + col);
                for (int b = 0; b < 3; b++) {
                    float value = rescale == null ? rgb[b] : rescale.apply(rgb[b]);
                    window[k + b] = data && !rejected ? value : Float.NaN;
                    sums[b] += data && !rejected ? value : 0;
                }
                valid += data && !rejected ? 1 : 0;
            }
        }
        for (int k = 0; k < window.length; k += 3) {
            if (Float.isNaN(window[k])) {
                for (int b = 0; b < 3; b++) {
                    window[k + b] = valid == 0 ? 0f : (float) (sums[b] / valid);
                }
            }
        }
        fractions[0] = (valid + masked) / (double) (SIZE * SIZE);
        fractions[1] = masked / (double) (SIZE * SIZE);
        return window;
    }

    private static Strip strip(Random random, int width, boolean mask, boolean dates, float noData) {
        float[][] bands = new float[3][width * SIZE];
        byte[] masked = mask ? new byte[width * SIZE] : null;
        long[] used = dates ? new long[width * SIZE] : null;
        for (int i = 0; i < width * SIZE; i++) {
            for (int b = 0; b < 3; b++) {
                int draw = random.nextInt(100);
                bands[b][i] = draw == 0 ? Float.NaN : draw == 1 ? noData : random.nextInt(4000) / 7f;
            }
            if (masked != null) {
                masked[i] = (byte) (random.nextInt(10) == 0 ? 1 : 0);
            }
            if (used != null) {
                used[i] = 1L << random.nextInt(5);
            }
        }
        return new Strip(0, width, SIZE, bands, masked, used);
    }

    @Test
    void everyWindowIsItsDefinitionBitForBit() {
        Random random = new Random(39);
        float[] scratch = new float[ModelContract.WINDOW_FLOATS];
        for (Rescale rescale : new Rescale[] {null, new Rescale(0, 3000)}) {
            for (boolean mask : new boolean[] {false, true}) {
                double[] noData = {0, 0, 0};
                Strip strip = strip(random, 3 * SIZE + 5, mask, mask, 0f);
                PixelPreparation preparation = new PixelPreparation(rescale, noData);
                FloatBuffer target = FloatBuffer.allocate(3 * ModelContract.WINDOW_FLOATS);
                for (int x : new int[] {0, SIZE + 5, 2 * SIZE + 5}) {
                    double[] fractions = new double[2];
                    float[] expected = defined(strip, x, rescale, noData, fractions);
                    int at = target.position();
                    PixelPreparation.WindowPixels seen = preparation.fill(strip, x, target, scratch);
                    float[] written = new float[ModelContract.WINDOW_FLOATS];
                    target.duplicate().position(at).get(written);
                    assertArrayEquals(expected, written, "rescale " + rescale + ", mask " + mask + ", x " + x);
                    assertEquals(fractions[0], seen.dataFraction());
                    assertEquals(fractions[1], seen.maskedFraction());
                }
                assertEquals(3 * ModelContract.WINDOW_FLOATS, target.position(), "each window advances the buffer");
            }
        }
    }

    @Test
    void aWindowWithoutAValidPixelIsZerosAndAFullOneIsItsSamples() {
        float[][] bands = new float[3][SIZE * SIZE];
        PixelPreparation preparation = new PixelPreparation(null, new double[] {Double.NaN, Double.NaN, Double.NaN});
        FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
        java.util.Arrays.fill(bands[1], Float.NaN);
        assertEquals(0.0, preparation.fill(new Strip(0, SIZE, SIZE, bands), 0, target).dataFraction());
        assertArrayEquals(new float[ModelContract.WINDOW_FLOATS], target.array());
        bands[1] = new float[SIZE * SIZE];
        bands[2][5] = 200;
        target.clear();
        assertEquals(1.0, preparation.fill(new Strip(0, SIZE, SIZE, bands), 0, target).dataFraction());
        assertEquals(200f, target.get(3 * 5 + 2));
    }

    /**
     * 8-bit samples handed over as interleaved bytes give the window their floats give, bit for bit, with its
     * fractions: whatever the no-data values (none, ones a byte holds and ones it cannot), every column, and a window
     * with no valid pixel.
     */
    @Test
    void bytesGiveTheWindowTheirFloatsGive() {
        Random random = new Random(8);
        int width = 2 * SIZE + 9;
        byte[] rgb = new byte[3 * width * SIZE];
        for (int i = 0; i < rgb.length; i++) {
            // values near the no-data ones below are common, so that many pixels hold one in some band
            rgb[i] = (byte) (random.nextInt(40) == 0 ? 0 : random.nextInt(8) == 0 ? 255 : random.nextInt(256));
        }
        RgbStrip bytes = new RgbStrip(0, width, SIZE, rgb);
        float[][] floats = new float[3][width * SIZE];
        for (int i = 0; i < width * SIZE; i++) {
            for (int b = 0; b < 3; b++) {
                floats[b][i] = rgb[3 * i + b] & 0xFF;
            }
        }
        Strip strip = new Strip(0, width, SIZE, floats);
        double nan = Double.NaN;
        float[] scratch = new float[ModelContract.WINDOW_FLOATS];
        for (double[] noData : new double[][] {{nan, nan, nan}, {0, 0, 0}, {nan, 255, nan}, {3.5, -1, 256},
                {0, 17, 255}}) {
            PixelPreparation preparation = new PixelPreparation(null, noData);
            for (int x : new int[] {0, 1, SIZE + 9}) {
                double[] fractions = new double[2];
                float[] expected = defined(strip, x, null, noData, fractions);
                FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
                PixelPreparation.WindowPixels seen = preparation.fill(bytes, x, target, scratch);
                String where = java.util.Arrays.toString(noData) + ", x " + x;
                assertArrayEquals(expected, target.array(), where);
                assertEquals(fractions[0], seen.dataFraction(), where);
                assertEquals(0.0, seen.maskedFraction());
                assertEquals(0, seen.dates());
                FloatBuffer asFloats = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
                assertEquals(preparation.fill(strip, x, asFloats, scratch), seen, where);
            }
        }
        double[] someNoData = new double[2];
        defined(strip, 0, null, new double[] {0, 17, 255}, someNoData);
        assertTrue(someNoData[0] > 0.5 && someNoData[0] < 1, "the windows mix no data and data: " + someNoData[0]);
        byte[] dark = new byte[3 * SIZE * SIZE];
        FloatBuffer target = FloatBuffer.allocate(ModelContract.WINDOW_FLOATS);
        PixelPreparation zeroIsNoData = new PixelPreparation(null, new double[] {0, 0, 0});
        assertEquals(0.0, zeroIsNoData.fill(new RgbStrip(0, SIZE, SIZE, dark), 0, target, scratch).dataFraction());
        assertArrayEquals(new float[ModelContract.WINDOW_FLOATS], target.array(), "no valid pixel: zeros");
        IllegalStateException rescaled = assertThrows(IllegalStateException.class, () -> new PixelPreparation(
                new Rescale(0, 3000), new double[3]).fill(new RgbStrip(0, SIZE, SIZE, dark), 0,
                FloatBuffer.allocate(ModelContract.WINDOW_FLOATS), scratch));
        assertEquals("8-bit samples are taken as they are: a rescale needs their floats", rescaled.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> new RgbStrip(0, SIZE, SIZE, new byte[5]));
        assertEquals("5 bytes for 224 x 224 RGB pixels", tooShort.getMessage());
    }
}
