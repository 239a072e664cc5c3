package io.rgbunmix.cli;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.ancillary.GeoJsonFeatures;
import io.rgbunmix.ancillary.GmlFeatures;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.output.QuicklookPngWriter;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.ResultMap;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.config.Settings;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.AreaOfInterest;
import io.rgbunmix.inputs.BandChoice;
import io.rgbunmix.inputs.RasterFile;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.InvalidInputException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rgbunmix run}: one raster in, abundances.geojson, abundances.csv and abundances.tif out. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Estimate abundances for every 224 x 224 window of an RGB image; writes abundances.geojson "
                + "(EPSG:4326), abundances.csv and abundances.tif (one float32 band per class) into --out.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--raster", required = true, paramLabel = "FILE|URL",
            description = "RGB image at 10 m: a GeoTIFF or COG, a JPEG 2000 (e.g. a Sentinel-2 TCI), a Sentinel-2 "
                    + "SAFE folder or .zip (its TCI), a STAC item (.json file or URL; its visual asset), or an "
                    + "http(s) URL of a COG, read in parts.")
    String raster;

    @Option(names = "--bbox", paramLabel = "minx,miny,maxx,maxy[,CRS]",
            description = "Run only on this area, in longitude/latitude unless a CRS is given (e.g. ,EPSG:32630); "
                    + "only its tiles are read.")
    String bbox;

    @Option(names = "--allow-url", paramLabel = "PREFIX",
            description = "URLs starting with this may be read besides --raster's own server: STAC assets "
                    + "elsewhere, redirects (repeatable).")
    List<String> allowUrls = new ArrayList<>();

    @Option(names = "--ancillary", paramLabel = "FILE.geojson",
            description = "Features (polygons or points) carrying the 7 ancillary attributes: GeoJSON, or GML "
                    + "(WFS 1.0/1.1 feature collection) for .gml/.xml files.")
    Path features;

    @Option(names = "--ancillary-values", paramLabel = "name=value,...",
            description = "Values for every window, of any of the 7: evapotranspiration, precipitation, elevation, "
                    + "slope, temp_ave, temp_max, temp_min. They beat rasters, which beat features.")
    String values;

    @Option(names = "--dem", paramLabel = "FILE",
            description = "A DEM (any CRS and resolution): elevation is its mean over each window, slope its "
                    + "mean slope in degrees (Horn).")
    Path dem;

    @Option(names = "--ancillary-raster", paramLabel = "name=FILE",
            description = "A raster of one variable, averaged over each window, e.g. temp_ave=tmean.tif (repeatable).")
    Map<String, Path> ancillaryRasters = new LinkedHashMap<>();

    @Option(names = "--level", defaultValue = "N1", paramLabel = "N1|N2",
            description = "Class level (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--stride", defaultValue = "224", paramLabel = "PX",
            description = "Window step in pixels, 1..224 (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--bands", paramLabel = "r,g,b",
            description = "Red, green and blue: 1-based band indexes of a file (default 1,2,3), or band names that "
                    + "choose a product's files (B04,B03,B02: the 16-bit bands, stretched with the product's offset) "
                    + "or a STAC item's assets (red,green,blue).")
    String bands;

    @Option(names = "--rescale", paramLabel = "min,max",
            description = "Linear stretch of [min,max] to 0..255; required for non-8-bit rasters.")
    String rescale;

    @Option(names = "--min-valid-fraction", defaultValue = "1.0", paramLabel = "F",
            description = "Skip windows with a smaller valid (non-nodata) fraction (default: ${DEFAULT-VALUE}).")
    double minValidFraction;

    @Option(names = "--no-pictures", description = "Do not write abundances.png and abundances.html (they cost about a "
            + "second a run; for loops over many rasters).")
    boolean noPictures;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        BandChoice choice = BandChoice.parse(bands == null ? "1,2,3" : bands);
        // checked before anything is opened: a bad option is told at once
        UnmixOptions asked = new UnmixOptions(Level.parse(level), stride, choice.indexes(),
                rescale == null ? null : Rescale.parse(rescale), minValidFraction);
        AreaOfInterest area = bbox == null ? null : AreaOfInterest.parse(bbox);
        Files.createDirectories(out);
        if (features == null && values == null && dem == null && ancillaryRasters.isEmpty()) {
            throw new InvalidInputException("ancillary", "give the ancillary data: --ancillary, --ancillary-values, "
                    + "--dem and/or --ancillary-raster");
        }
        RasterInputs inputs = rasterInputs();
        WebMapWriter webMap;
        RunSummary summary;
        try (ModelStore models = engine.store();
             OpenedRaster opened = inputs.open(raster, rasterName(), choice.names());
             OutputStream geojson = new BufferedOutputStream(Files.newOutputStream(out.resolve("abundances.geojson")));
             OutputStream csv = new BufferedOutputStream(Files.newOutputStream(out.resolve("abundances.csv")))) {
            UnmixOptions options = rescale != null ? asked : asked.withRescale(opened.rescale());
            // read through a quicklook, which abundances.png and abundances.html draw the windows on
            QuicklookRaster input = new QuicklookRaster(area == null ? opened.source() : area.crop(opened.source()),
                    options.rescale(), QUICKLOOK_SIDE);
            webMap = new WebMapWriter(input);
            if (!models.forLevel(options.level()).card().trained()) {
                engine.err().println("warning: the " + options.level() + " model in " + engine.modelFolder()
                        + " is UNTRAINED (its model.json says so): its numbers mean nothing");
            }
            engine.err().println("reading " + opened.description()
                    + (area == null ? "" : ", area " + input.geometry().width() + " x " + input.geometry().height() + " px"));
            List<ResultWriter> outputs = new ArrayList<>(List.of(new GeoJsonResultWriter(geojson),
                    new CsvResultWriter(csv), new GeoTiffResultWriter(out.resolve("abundances.tif"))));
            if (!noPictures) {
                outputs.add(new QuicklookPngWriter(out.resolve("abundances.png"), input));
                outputs.add(webMap);
            }
            ResultWriter writers = ResultWriter.all(outputs);
            try (AncillaryLayers ancillary = new AncillaryLayers(inputs, values, RasterFile.own(dem), ownFiles(ancillaryRasters),
                    features == null ? null : features(input), input.geometry().crs())) {
                summary = new UnmixEngine(models).run(input, ancillary.source(), options, writers,
                        ProgressBar.forTerminal("windows"), () -> false);
                engine.out().println(summary.describe());
            }
        }
        if (noPictures) {
            engine.out().println("wrote " + out.resolve("abundances.geojson") + ", abundances.csv, abundances.tif");
            return 0;
        }
        // after the GeoJSON is closed: the page carries it inline
        Files.writeString(out.resolve("abundances.html"), ResultMap.standalone(new Pages(), webMap.legend(),
                webMap.quicklook(), out.resolve("abundances.geojson"), "rgbunmix: abundances of " + rasterName(),
                summary.describe(), List.of("abundances.geojson", "abundances.csv", "abundances.tif", "abundances.png")));
        engine.out().println("wrote " + out.resolve("abundances.geojson") + ", abundances.csv, abundances.tif, "
                + "abundances.png, abundances.html");
        return 0;
    }

    /** The longer side of the pictures of abundances.png and abundances.html, in pixels. */
    private static final int QUICKLOOK_SIDE = 1024;

    /** What messages call the raster: its file name, or the URL as given. */
    private String rasterName() {
        if (RasterInputs.isUrl(raster)) {
            return raster.trim();
        }
        Path name = Path.of(raster).getFileName();
        return name == null ? raster : name.toString();
    }

    /**
     * The CLI reads the URL its user gives, and what --allow-url adds: a STAC item's assets on the
     * item's own server, nothing else unless allowed.
     */
    private static Map<String, RasterFile> ownFiles(Map<String, Path> files) {
        Map<String, RasterFile> own = new LinkedHashMap<>();
        files.forEach((name, path) -> own.put(name, RasterFile.own(path)));
        return own;
    }

    private RasterInputs rasterInputs() {
        List<String> allow = new ArrayList<>(allowUrls);
        if (RasterInputs.isUrl(raster)) {
            URI uri = URI.create(raster.trim());
            allow.add(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
        }
        return new RasterInputs(new ReferenceFetcher(new Settings.References(allow, CLI_MAX_BYTES, 120L)), true);
    }

    /** A whole Sentinel-2 COG is some hundreds of MB: the command line may read it, a server need not. */
    private static final long CLI_MAX_BYTES = 8L * 1024 * 1024 * 1024;

    private AncillarySource features(RasterSource input) throws Exception {
        String name = features.getFileName().toString().toLowerCase(Locale.ROOT);
        FeatureCollection collection;
        try (InputStream in = Files.newInputStream(features)) {
            collection = name.endsWith(".gml") || name.endsWith(".xml") ? GmlFeatures.read(in) : GeoJsonFeatures.read(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("ancillary", features + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException("ancillary", features.getFileName() + ": " + e.getMessage(), e);
        }
        try {
            return new FeatureJoin(collection.features(), collection.crs(), input.geometry().crs());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("ancillary", features.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
