package io.rgbunmix.unmix;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.WindowGrid;

/** What writers learn before the first result: the model's classes and the window grid. */
public record RunLayout(ModelCard model, WindowGrid grid, RasterGeometry raster) {
}
