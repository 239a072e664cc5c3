package io.rgbunmix.binding;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.raster.OpenedRaster;
import java.util.List;
import java.util.Optional;

/**
 * Where the complex values of a run come from, by input name: files and URLs for the command line and the
 * servers, coverages and feature collections for GeoServer. The binder asks for what the checked inputs name
 * and never learns which; each implementation opens its values as the engine's sources.
 */
public interface RunSources {
    /**
     * The dates an image input gives ({@code raster}, {@code before}, {@code after}), opened in order, with
     * {@code bandNames} choosing a product's files or a STAC item's assets (empty: bands by index); the caller
     * closes them. A refusal names the input.
     */
    List<OpenedRaster> dates(String input, List<String> bandNames) throws Exception;

    /**
     * Each value of a one-band raster input ({@code mask}, {@code dem}, a variable's raster), opened anew on every
     * call, so that two readers of one DEM do not share a position; the caller closes them.
     */
    List<OpenedRaster> rasters(String input) throws Exception;

    /** The features of an input, read whole, or empty when it was not given. */
    Optional<FeatureCollection> features(String input) throws Exception;
}
