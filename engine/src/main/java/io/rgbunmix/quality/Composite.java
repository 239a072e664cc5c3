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
 * some date has data there but every such date is masked. Dates that need different stretches (16-bit
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
    Composite(List<RasterSource> dates, List<String> labels, List<Rescale> own, Rescale given) throws RasterException {
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
        double[][] noData = new double[n][bands.length];
        for (int d = 0; d < n; d++) {
            read[d] = dates.get(d).readRegion(x0, y0, width, rows, bands);
            for (int b = 0; b < bands.length; b++) {
                noData[d][b] = dates.get(d).noData(bands[b]);
            }
        }
        float[][] samples = new float[bands.length][count];
        byte[] masked = new byte[count];
        long[] used = new long[count];
        float[] values = new float[n];
        int[] valid = new int[n];
        for (int i = 0; i < count; i++) {
            int k = 0;
            boolean anyData = false;
            for (int d = 0; d < n; d++) {
                if (MaskedRaster.hasData(read[d].bands(), i, noData[d])) {
                    anyData = true;
                    byte[] dateMask = read[d].masked();
                    if (dateMask == null || dateMask[i] == 0) {
                        valid[k++] = d;
                        used[i] |= 1L << d;
                    }
                }
            }
            if (k == 0) {
                for (float[] band : samples) {
                    band[i] = Float.NaN;
                }
                masked[i] = (byte) (anyData ? 1 : 0);
                continue;
            }
            for (int b = 0; b < bands.length; b++) {
                for (int j = 0; j < k; j++) {
                    int d = valid[j];
                    float value = read[d].bands()[b][i];
                    values[j] = stretches == null ? value : stretch(stretches.get(d), value);
                }
                samples[b][i] = median(values, k);
            }
        }
        return new Strip(y0, width, rows, samples, masked, used);
    }

    private static float stretch(Rescale rescale, float value) {
        return rescale == null ? Math.max(0f, Math.min(255f, value)) : rescale.apply(value);
    }

    /** The median of the first {@code k} values (reordered). */
    static float median(float[] values, int k) {
        if (k == 1) {
            return values[0];
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
