package io.rgbunmix.ancillary;

import java.util.Optional;
import org.locationtech.jts.geom.Polygon;

/** Gives the ancillary values of a window from its footprint in the raster's CRS. */
public interface AncillarySource {
    /** The window's values, or empty when no data covers it (the window is then skipped). */
    Optional<AncillaryValues> valuesFor(Polygon footprint);

    /** The same values for every window. */
    static AncillarySource constant(AncillaryValues values) {
        Optional<AncillaryValues> answer = Optional.of(values.sources().isEmpty() ? values.from("value") : values);
        return footprint -> answer;
    }
}
