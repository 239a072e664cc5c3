package io.rgbunmix.change;

import io.rgbunmix.unmix.WindowResult;

/**
 * One window kept in both periods.
 *
 * @param before     its result in the first period
 * @param after      its result in the second, on the same grid
 * @param difference after minus before, per class, in percentage points
 * @param likely     per class, whether the difference exceeds the model's uncertainty
 */
public record WindowChange(WindowResult before, WindowResult after, double[] difference, boolean[] likely) {
    static WindowChange of(WindowResult before, WindowResult after, ModelError error, double significance) {
        int classes = before.abundance().length;
        double[] difference = new double[classes];
        boolean[] likely = new boolean[classes];
        for (int k = 0; k < classes; k++) {
            difference[k] = after.percent(k) - before.percent(k);
            likely[k] = Math.abs(difference[k]) > error.threshold(k, significance);
        }
        return new WindowChange(before, after, difference, likely);
    }

    /** Whether any class changed more than the model's uncertainty. */
    public boolean anyLikely() {
        for (boolean each : likely) {
            if (each) {
                return true;
            }
        }
        return false;
    }
}
