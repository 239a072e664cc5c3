package io.rgbunmix.cli;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRules;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.ResultMap;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.inputs.StacSearch;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.run.AbundanceRun;
import io.rgbunmix.run.ResultFile;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rgbunmix run}: one raster in, abundances.geojson, abundances.csv and abundances.tif out. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Estimate abundances for every 224 x 224 window of an RGB image; writes abundances.geojson "
                + "(EPSG:4326), abundances.csv and abundances.tif (one float32 band per class) into --out.")
final class RunCommand implements Callable<Integer> {
    /**
     * The options made from the description of estimate-abundances (one per input: --raster,
     * --ancillary, --ancillary-values, --dem, --evapotranspiration-raster ... --temp-min-raster,
     * --level, --stride, --bands, --area, --rescale, --min-valid-fraction), with the older --bbox.
     */
    static void addDescribedOptions(CommandSpec run) {
        CommandLineOptions.add(run, ProcessDescriptions.ESTIMATE_ABUNDANCES, List.of(), Map.of("area", "--bbox"),
                labels(Map.of("raster", "FILE|DIR|URL")),
                Map.of("raster", " Here also a SAFE folder, a STAC item file, the http(s) URL of a COG (read in "
                                + "parts), a folder of scenes or a list file (one path or URL per line).",
                        "ancillary", " GeoJSON or GML, told by the content.",
                        "area", " Only its tiles are read."));
    }

    /** The form of the values of the options run shares with change, in the help, and {@code own}'s. */
    static Map<String, String> labels(Map<String, String> own) {
        Map<String, String> labels = new LinkedHashMap<>(Map.of("ancillary", "FILE.geojson|FILE.gml",
                "ancillaryValues", "name=value,...", "bands", "r,g,b", "area", "minx,miny,maxx,maxy[,CRS]",
                "rescale", "min,max", "maskClasses", "3,8,9,10|none"));
        labels.putAll(own);
        return labels;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--allow-url", paramLabel = "PREFIX",
            description = "URLs starting with this may be read besides --raster's own server: STAC assets "
                    + "elsewhere, redirects (repeatable).")
    List<String> allowUrls = new ArrayList<>();

    @Option(names = "--ancillary-raster", paramLabel = "name=FILE",
            description = "A raster of one variable, averaged over each window, e.g. temp_ave=tmean.tif (repeatable; "
                    + "the same as --temp-ave-raster tmean.tif).")
    Map<String, Path> ancillaryRasters = new LinkedHashMap<>();

    @Option(names = "--no-pictures", description = "Do not write abundances.png and abundances.html (they cost about a "
            + "second a run; for loops over many rasters).")
    boolean noPictures;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Mixin
    StacSearchOptions stac;

    @Option(names = "--datetime", paramLabel = "START/END", description = "The period a STAC search looks in, e.g. "
            + "2024-05-01/2024-09-30.")
    String datetime;

    @Option(names = "--max-dates", paramLabel = "N", defaultValue = "" + SceneSources.MAX_DATES,
            description = "The most scenes composited (default: ${DEFAULT-VALUE}).")
    int maxDates;

    @Mixin
    EngineOptions engine;

    private List<String> raster;

    @Override
    public Integer call() throws Exception {
        CommandLineOptions given = CommandLineOptions.of(spec, ProcessDescriptions.ESTIMATE_ABUNDANCES, List.of());
        raster = given.texts("raster");
        Map<String, Path> variables = CommandLineSources.variableRasters(ancillaryRasters);
        List<String> givenOtherwise = new ArrayList<>(variables.keySet());
        if (stac.given() && raster.isEmpty()) {
            givenOtherwise.add("raster");
        }
        // checked before anything is opened, as the servers check them: a bad option is told at once
        CheckedRun run = DescribedRun.check(given, given.checked(givenOtherwise));
        AreaOfInterest area = run.area();
        Map<String, StacSearch> searches = new LinkedHashMap<>();
        StacSearch search = stac.over(area, datetime, "raster", "--datetime");
        if (search != null) {
            searches.put("raster", search);
        }
        DescribedRun described = new DescribedRun(given, run,
                new CommandLineSources(given, rasterInputs(), searches, variables, maxDates));
        Files.createDirectories(out);
        AbundanceRun.Result result;
        String read;
        try (ModelStore models = engine.store();
             RunBinder.BoundRaster bound = described.raster("raster", "mask");
             AncillaryLayers ancillary = described.ancillary(bound.raster())) {
            OpenedRaster opened = bound.opened();
            UnmixOptions options = bound.options();
            if (!models.forLevel(options.level()).card().trained()) {
                engine.err().println("warning: the " + options.level() + " model in " + engine.modelFolder()
                        + " is UNTRAINED (its model.json says so): its numbers mean nothing");
            }
            // what the report says was read: the product, its mask or that there was none, a composite's dates
            read = opened.description() + (opened.source().mask() == null ? "; no quality mask"
                    : opened.description().contains("masked by") ? "" : "; masked by " + opened.source().mask().source());
            engine.err().println("reading " + opened.description() + (area == null ? "" : ", area "
                    + bound.raster().geometry().width() + " x " + bound.raster().geometry().height() + " px"));
            List<ResultFile> files = new ArrayList<>(List.of(new ResultFile("abundances.geojson", ResultFile.Form.GEOJSON),
                    new ResultFile("abundances.csv", ResultFile.Form.CSV),
                    new ResultFile("abundances.tif", ResultFile.Form.GEOTIFF),
                    new ResultFile("skipped.csv", ResultFile.Form.SKIPPED_CSV)));
            if (!noPictures) {
                files.add(new ResultFile("abundances.png", ResultFile.Form.PNG));
            }
            result = new AbundanceRun(new UnmixEngine(models)).run(bound.raster(), ancillary.source(), options, out,
                    files, ProgressBar.forTerminal("windows"), () -> false);
            engine.out().println(result.summary().describe());
        }
        if (noPictures) {
            engine.out().println("wrote " + out.resolve("abundances.geojson") + ", abundances.csv, abundances.tif, skipped.csv");
            return 0;
        }
        // after the GeoJSON is closed: the page carries it inline
        Files.writeString(out.resolve("abundances.html"), ResultMap.standalone(new Pages(), result.webMap().legend(),
                result.webMap().quicklook(), out.resolve("abundances.geojson"), "rgbunmix: abundances of " + rasterName(),
                result.summary().describe() + " (" + read + ")",
                List.of("abundances.geojson", "abundances.csv", "abundances.tif", "skipped.csv", "abundances.png")));
        engine.out().println("wrote " + out.resolve("abundances.geojson") + ", abundances.csv, abundances.tif, "
                + "skipped.csv, abundances.png, abundances.html");
        return 0;
    }

    /** What the report calls the run's rasters: the first one's name, and how many others. */
    private String rasterName() {
        String first = raster.isEmpty() ? "the STAC search at " + stac.url : CommandLineSources.nameOf(raster.get(0));
        return raster.size() <= 1 ? first : first + " and " + (raster.size() - 1) + " other raster(s)";
    }

    private RasterInputs rasterInputs() {
        return rasterInputs(allowUrls, raster, stac.url);
    }

    /**
     * The CLI reads the URLs its user gives, a STAC API's and what --allow-url adds: a STAC item's assets on
     * the item's own server, nothing else unless allowed.
     */
    static RasterInputs rasterInputs(List<String> allowUrls, List<String> locations, String stacSearch) {
        List<String> allow = new ArrayList<>(allowUrls);
        List<String> named = new ArrayList<>(locations);
        if (stacSearch != null) {
            named.add(stacSearch);
        }
        for (String location : named) {
            if (RasterInputs.isUrl(location)) {
                URI uri = URI.create(location.trim());
                allow.add(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
            }
        }
        return new RasterInputs(new ReferenceFetcher(new ReferenceRules(allow, CLI_MAX_BYTES, 120L)), true);
    }

    /** A whole Sentinel-2 COG is some hundreds of MB: the command line may read it, a server need not. */
    private static final long CLI_MAX_BYTES = 8L * 1024 * 1024 * 1024;
}
