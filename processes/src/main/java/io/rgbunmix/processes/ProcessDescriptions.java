package io.rgbunmix.processes;

import io.rgbunmix.model.ModelContract;
import io.rgbunmix.quality.Composite;
import io.rgbunmix.unmix.UnmixOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What each process offers, as data: its inputs (types, ranges, defaults, cardinality, formats) and
 * outputs. Every interface is made from these: WPS and OGC API - Processes render them, and the
 * front ends that run a process read its inputs by these names.
 */
public final class ProcessDescriptions {
    /** WGS 84 longitude/latitude, OGC's URI for it. */
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private ProcessDescriptions() {
    }

    /** The class level input, shared with the batch process. */
    public static final Parameter LEVEL = Parameter.input("level", "Class level", "N1 (4 classes) or N2 (10 classes).",
            new Parameter.Literal("string", List.of("N1", "N2"), null, null, "N1"), false);

    /** SPEC section 4: abundances for every window of an RGB image, as features and as a raster. */
    public static final ProcessDescription ESTIMATE_ABUNDANCES = new ProcessDescription("estimate-abundances",
            "unmix:EstimateAbundances", "Estimate land-cover abundances",
            "Percentage of each SIPNA land-use/land-cover class (level N1: 4 classes, N2: 10) in every 224 x 224 "
                    + "window of a 10 m RGB image, from an EfficientNet-B0 + ancillary model.", "1.0.0",
            List.of(
                    Parameter.repeatable("raster", "RGB raster", "RGB image at 10 m, any CRS: a GeoTIFF or COG, a "
                                    + "JPEG 2000 (a Sentinel-2 TCI), a Sentinel-2 SAFE product as .zip (its TCI, or the "
                                    + "bands named by 'bands'), or a STAC item whose visual (or red, green, blue) assets "
                                    + "are read from their URLs in parts, under this server's reference rules. Several "
                                    + "values, or a STAC ItemCollection, are dates of one place: each pixel is the median "
                                    + "of the dates whose pixel is not masked, on the first date's grid.",
                            new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000, Format.ZIP, Format.STAC_ITEM)),
                            true, Composite.MAX_DATES),
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
                            new Parameter.Literal("double", List.of(), 0.0, 1.0, "1.0"), false),
                    Parameter.repeatable("mask", "Quality mask", "A raster of the pixels to leave out (clouds, "
                                    + "shadows, snow), any CRS and resolution, one per raster in the same order; "
                                    + "without it, a product's own mask is used (an L2A's SCL, an L1C's "
                                    + "MSK_CLASSI_B00, a STAC item's scl asset).",
                            new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000)), false, Composite.MAX_DATES),
                    Parameter.input("maskClasses", "Masked classes", "Values of the mask's band 1 to leave out, e.g. "
                                    + "'3,8,9,10'; 'none' for no mask at all. Default: SCL classes 0,1,3,8,9,10,11 "
                                    + "(no data, defective, cloud shadows, clouds, cirrus, snow); any nonzero value of "
                                    + "a given mask.", Parameter.Literal.string(null), false),
                    Parameter.input("maxMaskedFraction", "Maximum masked fraction", "Windows with more masked area "
                                    + "are skipped; in the others masked pixels are filled as no-data is.",
                            new Parameter.Literal("double", List.of(), 0.0, 1.0,
                                    String.valueOf(UnmixOptions.DEFAULT_MAX_MASKED_FRACTION)), false)),
            List.of(
                    Parameter.output("result", "Abundances per window", "One polygon per processed window with one "
                                    + "percent attribute per class, the dominant class, presence probabilities and "
                                    + "the ancillary values used (GeoJSON in EPSG:4326; GML in the raster's CRS).",
                            new Parameter.Complex(List.of(Format.GEOJSON, Format.GML2, Format.GML3, Format.CSV))),
                    Parameter.output("abundanceRaster", "Abundance raster", "float32 GeoTIFF, one band per class, "
                            + "one pixel per window, NaN for skipped windows.", new Parameter.Complex(List.of(Format.GEOTIFF)))));

    /** SPEC section 5: the original LifeWatch workflow on a zip of windows and their CSV. */
    public static final ProcessDescription ESTIMATE_ABUNDANCES_BATCH = new ProcessDescription("estimate-abundances-batch",
            "unmix:EstimateAbundancesBatch", "Estimate abundances for a folder of windows (LifeWatch workflow)",
            "The original LifeWatch workflow: a zip of 224 x 224 RGB .jpg windows and one CSV with the columns "
                    + "filename, evapotranspiration, precipitation, elevation, slope, temp_ave, temp_max, temp_min; "
                    + "returns the CSV of abundances in percent, one row per CSV row.", "1.0.0",
            List.of(Parameter.input("images", "Windows and ancillary CSV", "A zip with the .jpg windows and one .csv.",
                            new Parameter.Complex(List.of(Format.ZIP)), true),
                    LEVEL),
            List.of(Parameter.output("result", "Abundances", "'Abundance estimation results at level N1.csv' (or N2).",
                    new Parameter.Complex(List.of(Format.CSV)))));

    /** The inputs a change shares with a run: the ancillary data and how the windows are read, the same for both periods. */
    private static final List<String> SHARED_WITH_CHANGE = List.of("ancillary", "ancillaryValues", "dem",
            "evapotranspirationRaster", "precipitationRaster", "elevationRaster", "slopeRaster", "temp_aveRaster",
            "temp_maxRaster", "temp_minRaster", "level", "stride", "bands", "area", "rescale", "minValidFraction",
            "maskClasses", "maxMaskedFraction");

    /** Issue 24: the change of each class per window between two periods, with whether it exceeds the model's error. */
    public static final ProcessDescription ESTIMATE_CHANGE = new ProcessDescription("estimate-change",
            "unmix:EstimateChange", "Estimate land-cover change between two periods",
            "Abundances of two periods on one grid (the 'before' composite's, the 'after' one warped onto it) and, "
                    + "per window kept in both, each class's change in percentage points, the dominant class before "
                    + "and after, and whether each change is likely: above k * sqrt(2) times the class's validation "
                    + "error (MAE) in the model's card.", "1.0.0",
            changeInputs(),
            List.of(
                    Parameter.output("change", "Change per window", "One polygon per window kept in both periods with, "
                                    + "per class, its percentage before and after, the change in points and whether it "
                                    + "is likely; the dominant class before and after (GeoJSON in EPSG:4326, with the "
                                    + "transition matrix in windows and km² in its summary).",
                            new Parameter.Complex(List.of(Format.GEOJSON, Format.CSV))),
                    Parameter.output("changeRaster", "Change raster", "float32 GeoTIFF, one band per class of the "
                            + "change in points, one pixel per window, NaN where a window was not compared.",
                            new Parameter.Complex(List.of(Format.GEOTIFF)))));

    private static List<Parameter> changeInputs() {
        Parameter.Complex scenes = (Parameter.Complex) ESTIMATE_ABUNDANCES.input("raster").orElseThrow().type();
        List<Parameter> inputs = new ArrayList<>(List.of(
                Parameter.repeatable("before", "Scenes before", "The first period's scenes, as 'raster' of "
                        + "estimate-abundances takes them: several are made into one composite (the per-pixel median "
                        + "of the dates not masked), whose grid both periods are windowed on.", scenes, true,
                        Composite.MAX_DATES),
                Parameter.repeatable("after", "Scenes after", "The second period's scenes, as 'before'; their "
                        + "composite is warped onto the 'before' grid (nearest neighbour).", scenes, true,
                        Composite.MAX_DATES)));
        ESTIMATE_ABUNDANCES.inputs().stream().filter(p -> SHARED_WITH_CHANGE.contains(p.name())).forEach(inputs::add);
        inputs.add(Parameter.input("significance", "Significance", "k of the rule: a class's change is likely when "
                        + "|after - before| > k * sqrt(2) * its error.",
                new Parameter.Literal("double", List.of(), 0.1, 10.0, "2"), false));
        return List.copyOf(inputs);
    }

    /** Text or GeoJSON: the echo's mixed-type document. */
    private static final Parameter.Complex TEXT_OR_GEOJSON = new Parameter.Complex(List.of(Format.TEXT,
            Format.STAC_ITEM));

    /**
     * The diagnostic echo process, for testing clients without a model: every kind of value a process can take (a
     * literal, a list of them, a bounding box, a value with a format, a value of mixed type), all optional, so that
     * a conformance suite can send each alone.
     */
    public static final ProcessDescription ECHO = new ProcessDescription("echo", "unmix:Echo",
            "Echo", "Returns the message and its length, optionally after a pause, and the document (for testing "
            + "clients); checks the other inputs.", "1.1.0",
            List.of(Parameter.input("message", "Message", "Any text.", Parameter.Literal.string(""), false),
                    Parameter.input("pause", "Pause", "Seconds to wait before answering, 0..600.",
                            new Parameter.Literal("double", List.of(), 0.0, 600.0, "0"), false),
                    Parameter.repeatable("numbers", "Numbers", "Up to 10 whole numbers (an array).",
                            new Parameter.Literal("integer", List.of(), null, null, null), false, 10),
                    Parameter.input("box", "Box", "A bounding box, in any CRS.",
                            new Parameter.BoundingBox(List.of(CRS84, "http://www.opengis.net/def/crs/EPSG/0/4326")),
                            false),
                    Parameter.input("document", "Document", "Text, or a GeoJSON object (a value of mixed type).",
                            TEXT_OR_GEOJSON, false)),
            List.of(Parameter.output("echo", "Echo", "The message.", Parameter.Literal.string(null)),
                    Parameter.output("length", "Length", "The message's length in characters.",
                            new Parameter.Literal("integer", List.of(), 0.0, null, null)),
                    Parameter.output("echoedDocument", "Echoed document", "The document as given: text, or GeoJSON (without a "
                            + "document, empty text or an empty FeatureCollection).", TEXT_OR_GEOJSON)));

    /** The raster input of one ancillary variable, e.g. temp_aveRaster. */
    private static Parameter rasterInput(String variable) {
        return Parameter.input(variable + "Raster", "Raster of " + variable, "Averaged over each window; any CRS and "
                + "resolution.", new Parameter.Complex(List.of(Format.GEOTIFF, Format.JPEG2000)), false);
    }

    /** The descriptions of every process, in the order the interfaces list them. */
    public static List<ProcessDescription> all() {
        return List.of(ESTIMATE_ABUNDANCES, ESTIMATE_ABUNDANCES_BATCH, ECHO, ESTIMATE_CHANGE);
    }
}
