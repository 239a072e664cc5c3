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
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.output.GmlResultWriter;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.MimeTypes;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.WindowGrid;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SPEC section 4: abundances for every window of an RGB image, as features and as a raster. */
public final class EstimateAbundancesProcess implements Process {
    /** The longer side of the picture a job keeps of its raster, in pixels. */
    private static final int QUICKLOOK_SIDE = 1024;

    private final ModelStore models;
    private final Settings.Limits limits;
    private final RasterInputs rasters;

    public EstimateAbundancesProcess(ModelStore models, Settings.Limits limits, RasterInputs rasters) {
        this.models = models;
        this.limits = limits;
        this.rasters = rasters;
    }

    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ESTIMATE_ABUNDANCES;
    }

    @Override
    public void check(ProcessInputs inputs) throws InputException {
        UnmixOptions options = options(inputs, null);
        maskChoice(inputs);
        checkDates(inputs);
        checkAncillarySize(inputs);
        checkAncillaryCoverage(inputs);
        checkSize(inputs, options);
    }

    /** Each date is read a strip at a time beside the others: their number is capped. */
    private void checkDates(ProcessInputs inputs) throws InputException {
        int dates = inputs.complexes("raster").size();
        if (dates > limits.maxDates()) {
            throw new InputException(InputException.INVALID, "raster", dates + " rasters; this server composites at "
                    + "most " + limits.maxDates() + " dates (limits.maxDates)");
        }
        int masks = inputs.complexes("mask").size();
        if (masks > 0 && masks != dates) {
            throw new InputException(InputException.INVALID, "mask", masks + " mask(s) for " + dates + " raster(s); "
                    + "give one mask per raster, in the same order, or none (products' own masks are found by themselves)");
        }
    }

    private static Scenes.MaskChoice maskChoice(ProcessInputs inputs) throws InputException {
        return parse("maskClasses", () -> Scenes.MaskChoice.parse(inputs.text("maskClasses").orElse(null)));
    }

    /** Feature collections are parsed whole, so their size is capped before they are read. */
    private void checkAncillarySize(ProcessInputs inputs) throws InputException {
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
    private void checkSize(ProcessInputs inputs, UnmixOptions options) throws InputException {
        AreaOfInterest area = area(inputs);
        Scenes.MaskChoice choice = maskChoice(inputs);
        RasterGeometry geometry = parse("raster", () -> {
            try (Scenes scenes = scenes(inputs)) {
                OpenedRaster raster = scenes.raster(choice, options.rescale());
                return (area == null ? raster.source() : area.crop(raster.source())).geometry();
            } catch (RasterException e) {
                throw new InputException(InputException.INVALID, locator(e), e.getMessage());
            }
        });
        long pixels = (long) geometry.width() * geometry.height();
        if (pixels > limits.maxRasterPixels()) {
            throw new InputException(InputException.INVALID, "raster", "the raster has " + pixels
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
    private static void checkAncillaryCoverage(ProcessInputs inputs) throws InputException {
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
    private AncillaryLayers ancillary(ProcessInputs inputs, RasterSource raster) throws Exception {
        Map<String, RasterFile> rasters = new LinkedHashMap<>();
        for (String name : ModelContract.ANCILLARY) {
            inputs.complex(name + "Raster").ifPresent(input -> rasters.put(name, file(input)));
        }
        AncillarySource features = inputs.complex("ancillary").isPresent()
                ? features(inputs.complex("ancillary").orElseThrow(), raster) : null;
        try {
            return new AncillaryLayers(this.rasters, inputs.text("ancillaryValues").orElse(null),
                    inputs.complex("dem").map(EstimateAbundancesProcess::file).orElse(null), rasters, features,
                    raster.geometry().crs());
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        }
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        checkAncillaryCoverage(inputs);
        AreaOfInterest area = area(inputs);
        Scenes.MaskChoice choice = maskChoice(inputs);
        try (Scenes scenes = scenes(inputs)) {
            return run(inputs, outputs, context, scenes.raster(choice, options(inputs, null).rescale()), area);
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, locator(e), e.getMessage());
        }
    }

    /** The input a raster's refusal is about: a mask's, or the rasters'. */
    private static String locator(RasterException e) {
        return String.valueOf(e.getMessage()).startsWith("mask") ? "mask" : "raster";
    }

    /** The run on the raster the scenes make, writing the outputs asked; returns their file names. */
    private List<String> run(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context, OpenedRaster opened,
                             AreaOfInterest area) throws Exception {
        List<String> files = new ArrayList<>();
        List<ResultWriter> writers = new ArrayList<>();
        List<Closeable> streams = new ArrayList<>();
        try (AncillaryLayers ancillary = ancillary(inputs, area == null ? opened.source() : area.crop(opened.source()))) {
            UnmixOptions options = options(inputs, opened.rescale());
            // read through a quicklook: the results page maps the windows over the raster's own picture
            QuicklookRaster raster = new QuicklookRaster(area == null ? opened.source() : area.crop(opened.source()),
                    options.rescale(), QUICKLOOK_SIDE);
            WebMapWriter webMap = new WebMapWriter(raster);
            writers.add(webMap);
            for (OutputRequest output : outputs) {
                String file = Process.fileName(output);
                Path path = context.directory().resolve(file);
                files.add(file);
                if (output.name().equals("abundanceRaster")) {
                    writers.add(new GeoTiffResultWriter(path));
                } else {
                    OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path));
                    streams.add(stream);
                    writers.add(output.mimeType().startsWith("text/csv") ? new CsvResultWriter(stream)
                            : output.mimeType().startsWith("text/xml")
                            ? new GmlResultWriter(stream, output.mimeType().endsWith("wfs-collection/1.1"))
                            : new GeoJsonResultWriter(stream));
                }
            }
            new UnmixEngine(models).run(raster, ancillary.source(), options, ResultWriter.all(writers), context::progress,
                    context::isCancelled);
            webMap.writeTo(context.directory());
        } finally {
            for (Closeable stream : streams) {
                stream.close();
            }
        }
        return files;
    }

    /** A GeoTIFF on another server is read in parts, as a COG: only the tiles of the windows run. */
    @Override
    public boolean readsInPlace(String input, String mimeType) {
        return input.equals("raster") && (mimeType == null || MimeTypes.same(mimeType, Format.GEOTIFF.mimeType()));
    }

    /**
     * The dates the raster values name (each value, or each item of an ItemCollection) and the masks
     * given, opened; the caller closes them. Messages call the n-th of several rasters "raster n".
     */
    private Scenes scenes(ProcessInputs inputs) throws Exception {
        BandChoice bands = parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow()));
        List<InputValue.Complex> given = inputs.complexes("raster");
        List<InputValue.Complex> masks = inputs.complexes("mask");
        SceneSources sources = new SceneSources(rasters, limits.maxDates());
        Scenes scenes = new Scenes();
        try {
            for (int i = 0; i < given.size(); i++) {
                InputValue.Complex raster = given.get(i);
                String name = given.size() == 1 ? "raster" : "raster " + (i + 1);
                if (raster.isInPlace()) {
                    scenes.add(rasters.openRemoteGeoTiff(raster.href(), name, bands.names()));
                } else {
                    sources.open(file(raster), name, bands.names()).forEach(scenes::add);
                }
                if (scenes.count() > limits.maxDates()) {
                    throw new InputException(InputException.INVALID, "raster", scenes.count() + " dates; this server "
                            + "composites at most " + limits.maxDates() + " (limits.maxDates)");
                }
            }
            for (int i = 0; i < masks.size(); i++) {
                scenes.addMask(rasters.open(file(masks.get(i)), masks.size() == 1 ? "mask" : "mask " + (i + 1),
                        List.of()).source());
            }
            return scenes;
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    /** A client's file, to be read as the kind its media type declares. */
    private static RasterFile file(InputValue.Complex input) {
        return new RasterFile(input.file(), input.mimeType());
    }

    private static AreaOfInterest area(ProcessInputs inputs) throws InputException {
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
    private static UnmixOptions options(ProcessInputs inputs, Rescale inputRescale) throws InputException {
        int[] bands = parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow())).indexes();
        Rescale rescale = inputs.text("rescale").isPresent()
                ? parse("rescale", () -> Rescale.parse(inputs.text("rescale").orElseThrow())) : inputRescale;
        return parse("bands", () -> new UnmixOptions(Level.parse(inputs.text("level").orElseThrow()),
                inputs.integer("stride"), bands, rescale, inputs.number("minValidFraction"),
                inputs.number("maxMaskedFraction")));
    }

    /** Something that parses a client's value and may refuse it. */
    private interface Parse<T> {
        T get() throws Exception;
    }

    /** Turns a refused value into an InputException located at the input. */
    private static <T> T parse(String input, Parse<T> parse) throws InputException {
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
