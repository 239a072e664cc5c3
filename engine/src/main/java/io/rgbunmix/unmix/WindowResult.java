package io.rgbunmix.unmix;

import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.windows.Window;
import java.util.List;
import org.locationtech.jts.geom.Polygon;

/**
 * The model's answer for one window.
 *
 * @param footprint  the window's footprint in the raster's CRS
 * @param centreLon  longitude of the window centre (WGS 84)
 * @param centreLat  latitude of the window centre (WGS 84)
 * @param abundance  fractions per class (sum 1), in the model card's class order
 * @param presence   presence probability per class, same order
 * @param ancillary  the ancillary values fed to the model
 * @param maskedFraction the part of the window its quality mask rejected (filled as no-data is), 0..1
 * @param dates      the dates of a composite that gave its pixels; empty for a single scene
 */
public record WindowResult(Window window, Polygon footprint, double centreLon, double centreLat,
                           float[] abundance, float[] presence, AncillaryValues ancillary, double maskedFraction,
                           List<String> dates) {
    public WindowResult {
        dates = List.copyOf(dates);
    }

    public WindowResult(Window window, Polygon footprint, double centreLon, double centreLat, float[] abundance,
                        float[] presence, AncillaryValues ancillary) {
        this(window, footprint, centreLon, centreLat, abundance, presence, ancillary, 0, List.of());
    }

    /** Abundance of class k in percent: the float the model gave, times 100 in double. */
    public double percent(int k) {
        return abundance[k] * 100.0;
    }

    /** Index of the class with the largest abundance (the first one on ties). */
    public int dominantClass() {
        int best = 0;
        for (int k = 1; k < abundance.length; k++) {
            if (abundance[k] > abundance[best]) {
                best = k;
            }
        }
        return best;
    }
}
