package io.rgbunmix.cli;

import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.AreaOfInterest;
import io.rgbunmix.inputs.BandChoice;
import io.rgbunmix.inputs.RasterFile;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code run} and {@code change} read alike from the options their process description made: how the
 * windows are read and which ancillary data feed them.
 *
 * @param options  the run's options, the stretch still the one asked (null: the raster's own)
 * @param masking  the quality mask's classes
 * @param area     the area of interest, or null for the whole raster
 * @param features the ancillary features' file, or null
 * @param values   the ancillary values, or null
 * @param dem      the DEM, or null
 * @param rasters  a raster per ancillary variable given one
 * @param bands    the bands or assets that make the RGB
 */
record DescribedRun(UnmixOptions options, Scenes.MaskChoice masking, AreaOfInterest area, Path features,
                    String values, Path dem, Map<String, Path> rasters, BandChoice bands) {
    /** Reads the described options, refused as the servers refuse them; {@code moreRasters} adds to the per-variable ones. */
    static DescribedRun of(CommandLineOptions given, ProcessInputs checked, Map<String, Path> moreRasters)
            throws InvalidInputException {
        Map<String, Path> rasters = new LinkedHashMap<>(moreRasters);
        for (String variable : ModelContract.ANCILLARY) {
            given.path(variable + "Raster").ifPresent(file -> rasters.put(variable, file));
        }
        BandChoice bands = BandChoice.parse(checked.text("bands").orElseThrow());
        String rescale = checked.text("rescale").orElse(null);
        UnmixOptions options = new UnmixOptions(Level.parse(checked.text("level").orElseThrow()),
                checked.integer("stride"), bands.indexes(), rescale == null ? null : Rescale.parse(rescale),
                checked.number("minValidFraction"), checked.number("maxMaskedFraction"));
        Scenes.MaskChoice masking;
        try {
            masking = Scenes.MaskChoice.parse(checked.text("maskClasses").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("maskClasses", "--mask-classes: " + e.getMessage());
        }
        AreaOfInterest area = checked.text("area").isEmpty() ? null : AreaOfInterest.parse(checked.text("area").get());
        DescribedRun run = new DescribedRun(options, masking, area, given.path("ancillary").orElse(null),
                checked.text("ancillaryValues").orElse(null), given.path("dem").orElse(null), Map.copyOf(rasters), bands);
        if (run.features == null && run.values == null && run.dem == null && rasters.isEmpty()) {
            throw new InvalidInputException("ancillary", "give the ancillary data: --ancillary, --ancillary-values, "
                    + "--dem and/or a raster of a variable (--temp-ave-raster FILE, ...)");
        }
        return run;
    }

    /** The ancillary data on {@code grid}'s windows; the caller closes them. */
    AncillaryLayers ancillary(RasterInputs inputs, RasterSource grid) throws Exception {
        Map<String, RasterFile> own = new LinkedHashMap<>();
        rasters.forEach((name, path) -> own.put(name, RasterFile.own(path)));
        return new AncillaryLayers(inputs, values, RasterFile.own(dem), own,
                features == null ? null : RunCommand.features(features, grid), grid.geometry().crs());
    }

    /** {@code source} cut to the area of interest, or whole. */
    RasterSource crop(RasterSource source) throws Exception {
        return area == null ? source : area.crop(source);
    }
}
