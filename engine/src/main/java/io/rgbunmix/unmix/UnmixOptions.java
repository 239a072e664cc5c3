package io.rgbunmix.unmix;

import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.Rescale;
import java.util.Arrays;

/**
 * How to run over a raster (SPEC section 4).
 *
 * @param level            class level, selects the model
 * @param stride           window step in pixels, 1..224 (224: windows side by side)
 * @param bands            1-based indexes of the red, green and blue bands
 * @param rescale          stretch to 0..255, or null for 8-bit input taken as is
 * @param minValidFraction windows with less valid (non-nodata) area are skipped, 0..1
 * @param maxMaskedFraction windows with more area masked by the quality mask (clouds, shadows, snow)
 *                          are skipped, 0..1
 */
public record UnmixOptions(Level level, int stride, int[] bands, Rescale rescale, double minValidFraction,
                           double maxMaskedFraction) {
    /** The masked part of a window that still gives it to the model: 5 %, filled as no-data is. */
    public static final double DEFAULT_MAX_MASKED_FRACTION = 0.05;

    public UnmixOptions {
        if (level == null) {
            throw new IllegalArgumentException("level is required (N1 or N2)");
        }
        if (stride < 1 || stride > ModelContract.WINDOW) {
            throw new IllegalArgumentException("stride must be between 1 and " + ModelContract.WINDOW
                    + " pixels, got " + stride);
        }
        if (bands == null || bands.length != 3) {
            throw new IllegalArgumentException("bands must name three bands 'r,g,b', got "
                    + (bands == null ? "none" : Arrays.toString(bands)));
        }
        for (int band : bands) {
            if (band < 1) {
                throw new IllegalArgumentException("band indexes start at 1, got " + band);
            }
        }
        if (!(minValidFraction >= 0 && minValidFraction <= 1)) {
            throw new IllegalArgumentException("minValidFraction must be between 0 and 1, got " + minValidFraction);
        }
        if (!(maxMaskedFraction >= 0 && maxMaskedFraction <= 1)) {
            throw new IllegalArgumentException("maxMaskedFraction must be between 0 and 1, got " + maxMaskedFraction);
        }
        bands = bands.clone();
    }

    public UnmixOptions(Level level, int stride, int[] bands, Rescale rescale, double minValidFraction) {
        this(level, stride, bands, rescale, minValidFraction, DEFAULT_MAX_MASKED_FRACTION);
    }

    public static UnmixOptions defaults(Level level) {
        return new UnmixOptions(level, ModelContract.WINDOW, new int[] {1, 2, 3}, null, 1.0);
    }

    public UnmixOptions withMaxMaskedFraction(double fraction) {
        return new UnmixOptions(level, stride, bands, rescale, minValidFraction, fraction);
    }

    public UnmixOptions withStride(int newStride) {
        return new UnmixOptions(level, newStride, bands, rescale, minValidFraction, maxMaskedFraction);
    }

    public UnmixOptions withBands(int[] newBands) {
        return new UnmixOptions(level, stride, newBands, rescale, minValidFraction, maxMaskedFraction);
    }

    public UnmixOptions withRescale(Rescale newRescale) {
        return new UnmixOptions(level, stride, bands, newRescale, minValidFraction, maxMaskedFraction);
    }

    public UnmixOptions withMinValidFraction(double fraction) {
        return new UnmixOptions(level, stride, bands, rescale, fraction, maxMaskedFraction);
    }

    /** Parses "r,g,b" 1-based band indexes, e.g. "3,2,1". */
    public static int[] parseBands(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bands must be three 1-based indexes 'r,g,b', got '" + text + "'");
        }
        try {
            return Arrays.stream(parts).mapToInt(p -> Integer.parseInt(p.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bands must be three 1-based indexes 'r,g,b', got '" + text + "'");
        }
    }

    @Override
    public int[] bands() {
        return bands.clone();
    }
}
