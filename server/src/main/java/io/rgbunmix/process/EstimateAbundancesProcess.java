package io.rgbunmix.process;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.config.Settings;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.ancillary.GeoJsonFeatures;
import io.rgbunmix.ancillary.GmlFeatures;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.output.GmlResultWriter;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.AreaOfInterest;
import io.rgbunmix.inputs.BandChoice;
import io.rgbunmix.inputs.RasterFile;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.WindowGrid;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.InvalidInputException;
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
    /** The class level input, shared with the batch process. */
    static final Parameter LEVEL = Parameter.input("level", "Class level", "N1 (4 classes) or N2 (10 classes).",
            new Parameter.Literal("string", List.of("N1", "N2"), null, null, "N1"), false);

    private static final ProcessDescription DESCRIPTION = new ProcessDescription("estimate-abundances",
            "unmix:EstimateAbundances", "Estimate land-cover abundances",
            "Percentage of each SIPNA land-use/land-cover class (level N1: 4 classes, N2: 10) in every 224 x 224 "
                    + "window of a 10 m RGB image, from an EfficientNet-B0 + ancillary model.", "1.0.0",
            List.of(
                    Parameter.input("raster", "RGB raster", "RGB image at 10 m, any CRS: a GeoTIFF or COG, a JPEG 2000 "
                                    + "(a Sentinel-2 TCI), a Sentinel-2 SAFE product as .zip (its TCI, or the bands "
                                    + "named by 'bands'), or a STAC item whose visual (or red, green, blue) assets are "
                                    + "read from their URLs in parts, under this server's reference rules.",
                            new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000, Format.ZIP, Format.STAC_ITEM)),
                            true),
                    Parameter.input("ancillary", "Ancillary features", "Polygons or points carrying evapotranspiration, "
                                    + "precipitation, elevation, slope, temp_ave, temp_max, temp_min.",
                            new Parameter.Complex(List.of(Format.GEOJSON, Format.GML2, Format.GML3)), false),
                    Parameter.input("ancillaryValues", "Ancillary values", "Values for every window, 'name=value,...', "
                            + "of any of the 7; they beat rasters, which beat features.", Parameter.Literal.string(null),
                            false),
                    Parameter.input("dem", "Digital elevation model", "Any CRS and resolution: elevation is its mean "
                            + "over each window, slope its mean slope in degrees (Horn's method).",
                            new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000)), false),
                    rasterInput("evapotranspiration"), rasterInput("precipitation"), rasterInput("elevation"),
                    rasterInput("slope"), rasterInput("temp_ave"), rasterInput("temp_max"), rasterInput("temp_min"),
                    LEVEL,
                    Parameter.input("stride", "Window step", "Pixels between windows; below 224 they overlap.",
                            new Parameter.Literal("integer", List.of(), 1.0, (double) ModelContract.WINDOW,
                                    String.valueOf(ModelContract.WINDOW)), false),
                    Parameter.input("bands", "Bands", "Red, green and blue: 1-based band indexes 'r,g,b', or names "
                                    + "that choose a Sentinel-2 product's bands (B04,B03,B02) or a STAC item's assets "
                                    + "(red,green,blue).", Parameter.Literal.string("1,2,3"), false),
                    Parameter.input("area", "Area of interest", "Run only on 'minx,miny,maxx,maxy', in "
                            + "longitude/latitude unless a fifth element names the CRS (e.g. ',EPSG:32630').",
                            Parameter.Literal.string(null), false),
                    Parameter.input("rescale", "Rescale", "'min,max' stretched linearly to 0..255; required for "
                            + "non-8-bit rasters.", Parameter.Literal.string(null), false),
                    Parameter.input("minValidFraction", "Minimum valid fraction", "Windows with less valid "
                                    + "(non-nodata) area are skipped.",
                            new Parameter.Literal("double", List.of(), 0.0, 1.0, "1.0"), false)),
            List.of(
                    Parameter.output("result", "Abundances per window", "One polygon per processed window with one "
                                    + "percent attribute per class, the dominant class, presence probabilities and "
                                    + "the ancillary values used (GeoJSON in EPSG:4326; GML in the raster's CRS).",
                            new Parameter.Complex(List.of(Format.GEOJSON, Format.GML2, Format.GML3, Format.CSV))),
                    Parameter.output("abundanceRaster", "Abundance raster", "float32 GeoTIFF, one band per class, "
                            + "one pixel per window, NaN for skipped windows.", new Parameter.Complex(List.of(Format.GEOTIFF)))));

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
        return DESCRIPTION;
    }

    @Override
    public void check(ProcessInputs inputs) throws InputException {
        UnmixOptions options = options(inputs, null);
        checkAncillarySize(inputs);
        checkAncillaryCoverage(inputs);
        checkSize(inputs, options);
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
        RasterGeometry geometry = parse("raster", () -> {
            try (OpenedRaster raster = open(inputs)) {
                return (area == null ? raster.source() : area.crop(raster.source())).geometry();
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

    /** The raster input of one ancillary variable, e.g. temp_aveRaster. */
    private static Parameter rasterInput(String variable) {
        return Parameter.input(variable + "Raster", "Raster of " + variable, "Averaged over each window; any CRS and "
                + "resolution.", new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000)), false);
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
        List<String> files = new ArrayList<>();
        List<ResultWriter> writers = new ArrayList<>();
        List<Closeable> streams = new ArrayList<>();
        try (OpenedRaster opened = open(inputs);
             AncillaryLayers ancillary = ancillary(inputs, area == null ? opened.source() : area.crop(opened.source()))) {
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
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, "raster", e.getMessage());
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

    private OpenedRaster open(ProcessInputs inputs) throws Exception {
        BandChoice bands = parse("bands", () -> BandChoice.parse(inputs.text("bands").orElseThrow()));
        InputValue.Complex raster = inputs.complex("raster").orElseThrow();
        return raster.isInPlace() ? rasters.openRemoteGeoTiff(raster.href(), "raster", bands.names())
                : rasters.open(file(raster), "raster", bands.names());
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
                inputs.integer("stride"), bands, rescale, inputs.number("minValidFraction")));
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
