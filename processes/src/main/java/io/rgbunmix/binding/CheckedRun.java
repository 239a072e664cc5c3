package io.rgbunmix.binding;

import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.unmix.UnmixOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's inputs with their options read once per execution, as every front end checks them before anything is
 * opened: the options asked (level, stride, bands, stretch, fractions), the bands' names or indexes, the mask
 * classes, the area of interest, and that every ancillary variable has a source. The binder binds from it; a value
 * a client got wrong is an {@link InputException} located at its input.
 *
 * @param asked   the options as given, with no stretch unless one was asked ({@link #options} adds the raster's)
 * @param area    the area of interest, or null for the whole raster
 */
public record CheckedRun(ProcessInputs inputs, UnmixOptions asked, BandChoice bands, Scenes.MaskChoice masking,
                         AreaOfInterest area) {
    /** Reads and checks the options of {@code inputs} (already valid against their description). */
    public static CheckedRun of(ProcessInputs inputs) throws InputException {
        BandChoice bands = RunBinder.parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow()));
        Rescale rescale = inputs.text("rescale").isPresent()
                ? RunBinder.parse("rescale", () -> Rescale.parse(inputs.text("rescale").orElseThrow())) : null;
        UnmixOptions asked = RunBinder.parse("bands", () -> new UnmixOptions(Level.parse(inputs.text("level").orElseThrow()),
                inputs.integer("stride"), bands.indexes(), rescale, inputs.number("minValidFraction"),
                inputs.number("maxMaskedFraction")));
        Scenes.MaskChoice masking = RunBinder.parse("maskClasses",
                () -> Scenes.MaskChoice.parse(inputs.text("maskClasses").orElse(null)));
        AreaOfInterest area = inputs.text("area").isPresent()
                ? RunBinder.parse("area", () -> AreaOfInterest.parse(inputs.text("area").orElseThrow())) : null;
        checkAncillaryCoverage(inputs);
        return new CheckedRun(inputs, asked, bands, masking, area);
    }

    /** The options of the run, with the stretch of the raster's kind ({@code own}) unless one was asked. */
    public UnmixOptions options(Rescale own) {
        return asked.rescale() != null || own == null ? asked : asked.withRescale(own);
    }

    /** {@code source} cut to the area of interest, or whole. */
    public RasterSource crop(RasterSource source) throws InputException {
        return area == null ? source : RunBinder.parse("area", () -> area.crop(source));
    }

    /** Every variable must have a source: a value, a raster, the DEM, or the features. */
    private static void checkAncillaryCoverage(ProcessInputs inputs) throws InputException {
        Map<Integer, Double> values = inputs.text("ancillaryValues").isPresent()
                ? RunBinder.parse("ancillaryValues",
                        () -> AncillaryValues.parseSome(inputs.text("ancillaryValues").orElseThrow()))
                : Map.of();
        if (inputs.has("ancillary")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
            String name = ModelContract.ANCILLARY.get(i);
            boolean fromDem = inputs.has("dem") && (name.equals("elevation") || name.equals("slope"));
            if (!values.containsKey(i) && !fromDem && !inputs.has(name + "Raster")) {
                missing.add(name);
            }
        }
        if (missing.size() == ModelContract.ANCILLARY.size()) {
            throw new InputException(InputException.MISSING, "ancillary", "give the ancillary data: 'ancillary', "
                    + "'ancillaryValues', 'dem' and/or a raster per variable ('temp_aveRaster', ...)");
        }
        if (!missing.isEmpty()) {
            throw new InputException(InputException.MISSING, "ancillary", "no value, raster or features for "
                    + String.join(", ", missing) + ": give them in 'ancillaryValues', as rasters or as 'ancillary' features");
        }
    }
}
