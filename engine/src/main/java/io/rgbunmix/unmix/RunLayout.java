package io.rgbunmix.unmix;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.windows.WindowGrid;
import java.util.List;

/**
 * What writers learn before the first result: the model's classes, the window grid, the quality mask the
 * raster was read through (null for none) and the dates of a composite (empty for one scene).
 */
public record RunLayout(ModelCard model, WindowGrid grid, RasterGeometry raster, MaskInfo mask, List<String> dates) {
    public RunLayout {
        dates = List.copyOf(dates);
    }

    public RunLayout(ModelCard model, WindowGrid grid, RasterGeometry raster) {
        this(model, grid, raster, null, List.of());
    }

    /** The mask's source as outputs write it: "none" without one. */
    public String maskSource() {
        return mask == null ? "none" : mask.source();
    }
}
