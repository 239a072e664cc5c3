package io.rgbunmix.quality;

import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.Strip;
import java.awt.image.DataBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Several dates of one place made into one image: each pixel, band by band, is the median of the dates
 * whose pixel has data and is not masked (a mean of the two middle values for an even count). The dates
 * are already on one grid (the first date's; {@link Scenes} warps the others onto it). Built region by
 * region as the engine reads, so only what the windows need is read, one strip per date at a time.
 *
 * <p>Each strip says which dates gave each pixel ({@link Strip#dates()}), and that a pixel is masked when
 * some date has data there but every such date is masked (its value is then the median of those clouded
 * dates, which the engine fills as it fills any masked pixel). Dates that need different stretches (16-bit
 * bands of products before and after baseline 04.00, say) are each stretched onto 0..255 first, and the
 * composite is then taken as is; otherwise their samples are composited as they are. A view: whoever
 * opened the dates closes them.
 */
public final class Composite implements RasterSource {
    /** Dates a composite may hold: one bit each in a pixel's {@link Strip#dates()}. */
    public static final int MAX_DATES = Long.SIZE;

    private final List<RasterSource> dates;
    private final List<String> labels;
    /** Each date's stretch onto 0..255 when they differ, else null (composited as they are). */
    private final List<Rescale> stretches;
    private final Rescale rescale;
    private final MaskInfo mask;

    /**
     * @param dates   the dates on one grid, each read through its mask where it has one
     * @param labels  what each date is called (its acquisition date, or its name)
     * @param own     each date's own stretch (null for 8-bit)
     * @param given   the user's stretch for every date, or null
     */
    Composite(List<RasterSource> dates, List<String> labels, List<Rescale> own, Rescale given) {
        if (dates.size() < 2 || dates.size() > MAX_DATES) {
            throw new IllegalArgumentException("a composite takes 2 to " + MAX_DATES + " dates, got " + dates.size());
        }
        this.dates = List.copyOf(dates);
        this.labels = List.copyOf(labels);
        boolean same = given != null || own.stream().allMatch(r -> Objects.equals(r, own.get(0)));
        this.stretches = same ? null : new ArrayList<>(own);
        this.rescale = given != null ? given : same ? own.get(0) : new Rescale(0, 255);
        this.mask = mergedMask(dates);
    }

    /** The stretch the engine applies to the composite's samples: none for 8-bit dates composited as they are. */
    public Rescale rescale() {
        return rescale;
    }

    private static MaskInfo mergedMask(List<RasterSource> dates) {
        List<String> sources = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (RasterSource date : dates) {
            if (date.mask() != null) {
                sources.add(date.mask().source());
                if (!words.contains(date.mask().words())) {
                    words.add(date.mask().words());
                }
            }
        }
        return sources.isEmpty() ? null : new MaskInfo(String.join("; ", sources), String.join("; ", words));
    }

    @Override
    public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
        return readRegion(0, y0, geometry().width(), rows, bands);
    }

    @Override
    public Strip readRegion(int x0, int y0, int width, int rows, int[] bands) throws RasterException {
        int count = width * rows;
        int n = dates.size();
        Strip[] read = new Strip[n];
        // what each date's pixel is: NO_DATA, CLEAR, or CLOUD (data its mask rejects)
        byte[][] state = new byte[n][];
        for (int d = 0; d < n; d++) {
            read[d] = dates.get(d).readRegion(x0, y0, width, rows, bands);
            state[d] = states(read[d], dates.get(d), bands);
        }
        float[][] samples = new float[bands.length][count];
        byte[] masked = new byte[count];
        long[] used = new long[count];
        float[][][] pixels = new float[n][][];
        for (int d = 0; d < n; d++) {
            pixels[d] = read[d].bands();
        }
        Pixel pixel = new Pixel(n);
        if (n == 3 && stretches == null) {
            // the usual three dates: pixels all three give clear take their median band by band, in plain
            // loops over arrays (a tile's every pixel goes here); the others one by one
            byte[] s0 = state[0];
            byte[] s1 = state[1];
            byte[] s2 = state[2];
            for (int b = 0; b < samples.length; b++) {
                float[] first = pixels[0][b];
                float[] second = pixels[1][b];
                float[] third = pixels[2][b];
                float[] out = samples[b];
                for (int i = 0; i < count; i++) {
                    if (s0[i] == CLEAR && s1[i] == CLEAR && s2[i] == CLEAR) {
                        out[i] = median3(first[i], second[i], third[i]);
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                if (s0[i] == CLEAR && s1[i] == CLEAR && s2[i] == CLEAR) {
                    used[i] = 7;
                } else {
                    composite(i, state, pixels, samples, masked, used, pixel);
                }
            }
        } else {
            for (int i = 0; i < count; i++) {
                composite(i, state, pixels, samples, masked, used, pixel);
            }
        }
        return new Strip(y0, width, rows, samples, masked, used);
    }

    /** Room for one pixel's values, reused from pixel to pixel. */
    private static final class Pixel {
        final float[] values;
        final int[] chosen;

        Pixel(int dates) {
            values = new float[dates];
            chosen = new int[dates];
        }
    }

    /** Pixel {@code i}: the median of its clear dates, or of its clouded ones (then masked), or NaN. */
    private void composite(int i, byte[][] state, float[][][] pixels, float[][] samples, byte[] masked, long[] used,
                           Pixel pixel) {
        int n = state.length;
        int[] chosen = pixel.chosen;
        int k = 0;
        int clouded = 0;
        for (int d = 0; d < n; d++) {
            byte s = state[d][i];
            if (s == CLEAR) {
                chosen[k++] = d;
                used[i] |= 1L << d;
            } else if (s == CLOUD) {
                clouded++;
            }
        }
        if (k == 0 && clouded > 0) {
            // only clouded dates: their median, said to be masked, so the window counts it as masked
            for (int d = 0; d < n; d++) {
                if (state[d][i] == CLOUD) {
                    chosen[k++] = d;
                }
            }
            masked[i] = 1;
        }
        for (int b = 0; b < samples.length; b++) {
            if (k == 0) {
                samples[b][i] = Float.NaN;
                continue;
            }
            for (int j = 0; j < k; j++) {
                int d = chosen[j];
                float value = pixels[d][b][i];
                pixel.values[j] = stretches == null ? value : stretch(stretches.get(d), value);
            }
            samples[b][i] = median(pixel.values, k);
        }
    }

    private static final byte NO_DATA = 0;
    private static final byte CLEAR = 1;
    private static final byte CLOUD = 2;

    /** Each pixel of a date's strip: no data in some band, else clouded where its mask says, else clear. */
    private static byte[] states(Strip strip, RasterSource date, int[] bands) {
        int count = strip.width() * strip.rows();
        byte[] state = new byte[count];
        Arrays.fill(state, CLEAR);
        for (int b = 0; b < bands.length; b++) {
            float noData = (float) date.noData(bands[b]);
            float[] samples = strip.bands()[b];
            for (int i = 0; i < count; i++) {
                float value = samples[i];
                if (value != value || value == noData) {
                    state[i] = NO_DATA;
                }
            }
        }
        byte[] masked = strip.masked();
        if (masked != null) {
            for (int i = 0; i < count; i++) {
                if (masked[i] != 0 && state[i] == CLEAR) {
                    state[i] = CLOUD;
                }
            }
        }
        return state;
    }

    private static float stretch(Rescale rescale, float value) {
        return rescale == null ? Math.max(0f, Math.min(255f, value)) : rescale.apply(value);
    }

    /** The middle one of three values, by comparisons (Math.min and max of floats weigh NaN and -0 each time). */
    static float median3(float a, float b, float c) {
        float low = a < b ? a : b;
        float high = a < b ? b : a;
        return c < low ? low : c > high ? high : c;
    }

    /** The median of the first {@code k} values (reordered). */
    static float median(float[] values, int k) {
        // the usual counts without a sort: this runs for every pixel and band of a tile
        switch (k) {
            case 1:
                return values[0];
            case 2:
                return (values[0] + values[1]) / 2f;
            case 3:
                return median3(values[0], values[1], values[2]);
            default:
                break;
        }
        Arrays.sort(values, 0, k);
        return k % 2 == 1 ? values[k / 2] : (values[k / 2 - 1] + values[k / 2]) / 2f;
    }

    @Override
    public List<String> dates() {
        return labels;
    }

    @Override
    public MaskInfo mask() {
        return mask;
    }

    @Override
    public String name() {
        return dates.get(0).name() + " and " + (dates.size() - 1) + " other date(s)";
    }

    @Override
    public RasterGeometry geometry() {
        return dates.get(0).geometry();
    }

    @Override
    public int bandCount() {
        return dates.stream().mapToInt(RasterSource::bandCount).min().orElseThrow();
    }

    @Override
    public int dataType() {
        int first = dates.get(0).dataType();
        return stretches == null && dates.stream().allMatch(d -> d.dataType() == first) ? first : DataBuffer.TYPE_FLOAT;
    }

    @Override
    public double noData(int band) {
        return Double.NaN;
    }
}
