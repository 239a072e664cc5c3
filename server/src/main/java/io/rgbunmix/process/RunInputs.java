package io.rgbunmix.process;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.ancillary.GeoJsonFeatures;
import io.rgbunmix.ancillary.GmlFeatures;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.AreaOfInterest;
import io.rgbunmix.inputs.BandChoice;
import io.rgbunmix.inputs.RasterFile;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.MimeTypes;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.WindowGrid;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs a run and a change share, read from a process's validated inputs: the scenes of a raster input
 * (a composite of dates, with their masks), the ancillary data, the area and the run's options, each checked
 * before a job is accepted and refused with the input it is about.
 */
final class RunInputs {
    /** The longer side of the picture a job keeps of its raster for its results map, in pixels. */
    static final int QUICKLOOK_SIDE = 1024;

    private final Settings.Limits limits;
    private final RasterInputs rasters;

    RunInputs(Settings.Limits limits, RasterInputs rasters) {
        this.limits = limits;
        this.rasters = rasters;
    }

    /**
     * What a run's inputs must be beyond their description, checked before a job is accepted: its options, the
     * masks' classes, the dates of {@code rasterInput} and their masks ({@code maskInput}, or null for none), the
     * ancillary data, and the raster's size; returns the options.
     */
    UnmixOptions check(ProcessInputs inputs, String rasterInput, String maskInput) throws InputException {
        UnmixOptions options = options(inputs, null);
        maskChoice(inputs);
        checkDates(inputs, rasterInput, maskInput);
        checkAncillarySize(inputs);
        checkAncillaryCoverage(inputs);
        checkSize(inputs, options, rasterInput);
        return options;
    }

    /** Each date is read a strip at a time beside the others: their number is capped. */
    void checkDates(ProcessInputs inputs, String rasterInput, String maskInput) throws InputException {
        int dates = inputs.complexes(rasterInput).size();
        if (dates > limits.maxDates()) {
            throw new InputException(InputException.INVALID, rasterInput, dates + " rasters; this server composites at "
                    + "most " + limits.maxDates() + " dates (limits.maxDates)");
        }
        int masks = maskInput == null ? 0 : inputs.complexes(maskInput).size();
        if (masks > 0 && masks != dates) {
            throw new InputException(InputException.INVALID, maskInput, masks + " mask(s) for " + dates + " raster(s); "
                    + "give one mask per raster, in the same order, or none (products' own masks are found by themselves)");
        }
    }

    static Scenes.MaskChoice maskChoice(ProcessInputs inputs) throws InputException {
        return parse("maskClasses", () -> Scenes.MaskChoice.parse(inputs.text("maskClasses").orElse(null)));
    }

    /** Feature collections are parsed whole, so their size is capped before they are read. */
    void checkAncillarySize(ProcessInputs inputs) throws InputException {
        Optional<InputValue.Complex> features = inputs.complex("ancillary");
        long bytes = features.isEmpty() || features.get().file() == null ? 0 : size(features.get().file());
        if (bytes > limits.maxAncillaryBytes()) {
            throw new InputException(InputException.INVALID, "ancillary", "the ancillary features are " + bytes
                    + " bytes; this server reads at most " + limits.maxAncillaryBytes() + " (simplify the polygons, "
                    + "or give the variables as rasters or values)");
        }
    }

    private static long size(Path file) throws InputException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException(InputException.INVALID, "ancillary", "the ancillary features cannot be read");
        }
    }

    /** The raster's size (or its area's) against the limits, from its header alone. */
    void checkSize(ProcessInputs inputs, UnmixOptions options, String rasterInput) throws InputException {
        AreaOfInterest area = area(inputs);
        Scenes.MaskChoice choice = maskChoice(inputs);
        RasterGeometry geometry = parse(rasterInput, () -> {
            try (Scenes scenes = scenes(inputs, rasterInput, null)) {
                OpenedRaster raster = scenes.raster(choice, options.rescale());
                return (area == null ? raster.source() : area.crop(raster.source())).geometry();
            } catch (RasterException e) {
                throw new InputException(InputException.INVALID, locator(e, rasterInput), e.getMessage());
            }
        });
        long pixels = (long) geometry.width() * geometry.height();
        if (pixels > limits.maxRasterPixels()) {
            throw new InputException(InputException.INVALID, rasterInput, "the raster has " + pixels
                    + " pixels (" + geometry.width() + " x " + geometry.height() + "); this server accepts at most "
                    + limits.maxRasterPixels());
        }
        long windows = new WindowGrid(geometry.width(), geometry.height(), ModelContract.WINDOW, options.stride()).count();
        if (windows > limits.maxWindows()) {
            throw new InputException(InputException.INVALID, "stride", "this raster with stride " + options.stride()
                    + " gives " + windows + " windows; this server accepts at most " + limits.maxWindows()
                    + " (use a larger stride or a smaller raster)");
        }
    }

    /** Every variable must have a source: a value, a raster, the DEM, or the features. */
    static void checkAncillaryCoverage(ProcessInputs inputs) throws InputException {
        Map<Integer, Double> values = inputs.text("ancillaryValues").isPresent()
                ? parse("ancillaryValues", () -> AncillaryValues.parseSome(inputs.text("ancillaryValues").orElseThrow()))
                : Map.of();
        if (inputs.complex("ancillary").isPresent()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
            String name = ModelContract.ANCILLARY.get(i);
            boolean fromDem = inputs.complex("dem").isPresent() && (name.equals("elevation") || name.equals("slope"));
            if (!values.containsKey(i) && !fromDem && inputs.complex(name + "Raster").isEmpty()) {
                missing.add(name);
            }
        }
        if (missing.size() == ModelContract.ANCILLARY.size()) {
            throw new InputException(InputException.MISSING, "ancillary", "give the ancillary data: 'ancillary' "
                    + "(features), 'ancillaryValues', 'dem' and/or a raster per variable");
        }
        if (!missing.isEmpty()) {
            throw new InputException(InputException.MISSING, "ancillary", "no value, raster or features for "
                    + String.join(", ", missing) + ": give them in 'ancillaryValues', as rasters or as 'ancillary' features");
        }
    }

    /** The ancillary inputs as the engine's source, with their rasters opened. */
    AncillaryLayers ancillary(ProcessInputs inputs, RasterSource raster) throws Exception {
        Map<String, RasterFile> rasters = new LinkedHashMap<>();
        for (String name : ModelContract.ANCILLARY) {
            inputs.complex(name + "Raster").ifPresent(input -> rasters.put(name, file(input)));
        }
        AncillarySource features = inputs.complex("ancillary").isPresent()
                ? features(inputs.complex("ancillary").orElseThrow(), raster) : null;
        try {
            return new AncillaryLayers(this.rasters, inputs.text("ancillaryValues").orElse(null),
                    inputs.complex("dem").map(RunInputs::file).orElse(null), rasters, features,
                    raster.geometry().crs());
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        }
    }

    /** The input a raster's refusal is about: a mask's, or the rasters'. */
    static String locator(RasterException e, String rasterInput) {
        return String.valueOf(e.getMessage()).startsWith("mask") ? "mask" : rasterInput;
    }

    /**
     * The dates the values of {@code rasterInput} name (each value, or each item of an ItemCollection) and the masks
     * of {@code maskInput} (none when null), opened; the caller closes them. Messages call the n-th of several rasters "raster n".
     */
    Scenes scenes(ProcessInputs inputs, String rasterInput, String maskInput) throws Exception {
        BandChoice bands = parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow()));
        List<InputValue.Complex> given = inputs.complexes(rasterInput);
        List<InputValue.Complex> masks = maskInput == null ? List.of() : inputs.complexes(maskInput);
        SceneSources sources = new SceneSources(rasters, limits.maxDates());
        Scenes scenes = new Scenes();
        try {
            for (int i = 0; i < given.size(); i++) {
                InputValue.Complex raster = given.get(i);
                String name = given.size() == 1 ? rasterInput : rasterInput + " " + (i + 1);
                if (raster.isInPlace()) {
                    scenes.add(rasters.openRemoteGeoTiff(raster.href(), name, bands.names()));
                } else {
                    sources.open(file(raster), name, bands.names()).forEach(scenes::add);
                }
                if (scenes.count() > limits.maxDates()) {
                    throw new InputException(InputException.INVALID, rasterInput, scenes.count() + " dates; this server "
                            + "composites at most " + limits.maxDates() + " (limits.maxDates)");
                }
            }
            for (int i = 0; i < masks.size(); i++) {
                scenes.addMask(rasters.open(file(masks.get(i)), masks.size() == 1 ? maskInput : maskInput + " " + (i + 1),
                        List.of()).source());
            }
            return scenes;
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    /** Whether a reference's declared type (none counts) is a GeoTIFF, which can be read in parts as a COG. */
    static boolean isGeoTiff(String mimeType) {
        return mimeType == null || MimeTypes.same(mimeType, Format.GEOTIFF.mimeType());
    }

    /** A client's file, to be read as the kind its media type declares. */
    static RasterFile file(InputValue.Complex input) {
        return new RasterFile(input.file(), input.mimeType());
    }

    static AreaOfInterest area(ProcessInputs inputs) throws InputException {
        return inputs.text("area").isPresent()
                ? parse("area", () -> AreaOfInterest.parse(inputs.text("area").orElseThrow())) : null;
    }

    private static AncillarySource features(InputValue.Complex input, RasterSource raster) throws Exception {
        try (InputStream in = Files.newInputStream(input.file())) {
            FeatureCollection collection = parse("ancillary", () -> input.mimeType().startsWith("text/xml")
                    ? GmlFeatures.read(in) : GeoJsonFeatures.read(in));
            return parse("ancillary", () -> new FeatureJoin(collection.features(), collection.crs(),
                    raster.geometry().crs()));
        }
    }

    /** The options asked; {@code inputRescale} is the stretch the raster's kind calls for, used unless one is given. */
    static UnmixOptions options(ProcessInputs inputs, Rescale inputRescale) throws InputException {
        int[] bands = parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow())).indexes();
        Rescale rescale = inputs.text("rescale").isPresent()
                ? parse("rescale", () -> Rescale.parse(inputs.text("rescale").orElseThrow())) : inputRescale;
        return parse("bands", () -> new UnmixOptions(Level.parse(inputs.text("level").orElseThrow()),
                inputs.integer("stride"), bands, rescale, inputs.number("minValidFraction"),
                inputs.number("maxMaskedFraction")));
    }

    /** Something that parses a client's value and may refuse it. */
    interface Parse<T> {
        T get() throws Exception;
    }

    /** Turns a refused value into an InputException located at the input. */
    static <T> T parse(String input, Parse<T> parse) throws InputException {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(InputException.INVALID, input, e.getMessage());
        } catch (InputException e) {
            throw e;
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            throw new InputException(InputException.INVALID, input, message.startsWith(input + ":") ? message
                    : input + ": " + message);
        }
    }
}
