package io.rgbunmix.cli;

import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.binding.BoundChange;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.ResultMap;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.inputs.StacSearch;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.ChangePngWriter;
import io.rgbunmix.output.ChangeWriters;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
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

/**
 * {@code rgbunmix change}: abundances of two periods on one grid (the "before" composite's, the "after"
 * one warped onto it), and per window the change of each class with whether it exceeds the model's own
 * error. Its options are made from the description of estimate-change, as the servers' are.
 */
@Command(name = "change", mixinStandardHelpOptions = true,
        description = "Land-cover change between two periods: each period's scenes made into one composite, both "
                + "windowed on the 'before' grid; writes change.geojson (EPSG:4326, with the transition matrix), "
                + "change.csv, change.tif (a band of change per class), change.png and change.html: per window "
                + "both periods' percentages, the change in points, and whether it is likely.")
final class ChangeCommand implements Callable<Integer> {
    /** The options made from the description of estimate-change: --before, --after and those a run shares. */
    static void addDescribedOptions(CommandSpec change) {
        CommandLineOptions.add(change, ProcessDescriptions.ESTIMATE_CHANGE, List.of(), Map.of("area", "--bbox"),
                RunCommand.labels(Map.of("before", "FILE|DIR|URL", "after", "FILE|DIR|URL", "significance", "K")),
                Map.of("before", " Here also what run --raster takes: a SAFE folder, a STAC item file, a COG's URL, "
                                + "a folder of scenes or a list file; with --stac-search, --before-datetime.",
                        "after", " With --stac-search, --after-datetime.",
                        "ancillary", " GeoJSON or GML, told by the content."));
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--allow-url", paramLabel = "PREFIX",
            description = "URLs starting with this may be read besides the scenes' own servers (repeatable).")
    List<String> allowUrls = new ArrayList<>();

    @Mixin
    StacSearchOptions stac;

    @Option(names = "--before-datetime", paramLabel = "START/END", description = "The first period of a STAC "
            + "search, e.g. 2018-05-01/2018-09-30.")
    String beforeDatetime;

    @Option(names = "--after-datetime", paramLabel = "START/END", description = "The second period of a STAC search.")
    String afterDatetime;

    @Option(names = "--no-pictures", description = "Do not write change.png and change.html (for loops over many "
            + "places).")
    boolean noPictures;

    @Option(names = "--map-class", paramLabel = "KEY", description = "The class whose change change.png maps, by its "
            + "key (e.g. forests; default: the class with the most windows of likely change).")
    String mapClass;

    @Option(names = "--max-dates", paramLabel = "N", defaultValue = "" + SceneSources.MAX_DATES, description = "The most scenes per period "
            + "(default: ${DEFAULT-VALUE}).")
    int maxDates;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        CommandLineOptions given = CommandLineOptions.of(spec, ProcessDescriptions.ESTIMATE_CHANGE, List.of());
        List<String> before = given.texts(ChangeComparison.BEFORE);
        List<String> after = given.texts(ChangeComparison.AFTER);
        List<String> searched = new ArrayList<>();
        if (stac.given() && before.isEmpty()) {
            searched.add(ChangeComparison.BEFORE);
        }
        if (stac.given() && after.isEmpty()) {
            searched.add(ChangeComparison.AFTER);
        }
        // checked before anything is opened, as the servers check them: a bad option is told at once
        CheckedRun run = DescribedRun.check(given, given.checked(searched));
        AreaOfInterest area = run.area();
        Map<String, StacSearch> searches = new LinkedHashMap<>();
        StacSearch first = stac.over(area, beforeDatetime, ChangeComparison.BEFORE, "--before-datetime");
        StacSearch second = stac.over(area, afterDatetime, ChangeComparison.AFTER, "--after-datetime");
        if (first != null) {
            searches.put(ChangeComparison.BEFORE, first);
            searches.put(ChangeComparison.AFTER, second);
        }
        List<String> named = new ArrayList<>(before);
        named.addAll(after);
        DescribedRun described = new DescribedRun(given, run, new CommandLineSources(given,
                RunCommand.rasterInputs(allowUrls, named, stac.url), searches, Map.of(), maxDates));
        UnmixOptions asked = run.asked();
        Files.createDirectories(out);
        ChangeComparison comparison;
        WebMapWriter webMap;
        QuicklookRaster picture;
        int mapped;
        try (ModelStore models = engine.store()) {
            // a model without its error cannot weigh a change: told before any run
            described.told(() -> {
                BoundChange.checkModelError(models, asked.level());
                return null;
            });
            mapped = mapped(models.forLevel(asked.level()).card());
            try (BoundChange change = described.told(() -> BoundChange.bind(run, described.sources()))) {
                // the "before" period is read through a quicklook, which change.png and change.html draw on
                picture = new QuicklookRaster(change.before().raster(), change.before().options().rescale(),
                        QuicklookRaster.MAP_SIDE);
                engine.err().println("before: " + change.before().opened().description() + "; after: "
                        + change.after().description());
                webMap = new WebMapWriter(picture, WebMapWriter.Kind.CHANGE);
                comparison = change.compare(new UnmixEngine(models), picture, webMap,
                        ProgressBar.forTerminal("windows of both periods"), () -> false);
            }
        }
        try (OutputStream geojson = new BufferedOutputStream(Files.newOutputStream(out.resolve("change.geojson")));
             OutputStream csv = new BufferedOutputStream(Files.newOutputStream(out.resolve("change.csv")))) {
            ChangeWriters.geoJson(comparison, geojson);
            ChangeWriters.csv(comparison, csv);
        }
        ChangeWriters.geoTiff(comparison, out.resolve("change.tif"));
        long likely = comparison.changes().stream().filter(c -> c.anyLikely()).count();
        String summary = comparison.changes().size() + " windows compared, " + likely + " with a likely change, "
                + comparison.skipped().size() + " skipped by either period";
        if (noPictures) {
            engine.out().println(summary + "; wrote " + out.resolve("change.geojson") + ", change.csv, change.tif");
            return 0;
        }
        ChangePngWriter.write(comparison, picture, mapped >= 0 ? mapped : ChangePngWriter.mostChanged(comparison),
                out.resolve("change.png"));
        Files.writeString(out.resolve("change.html"), ResultMap.standalone(new Pages(), webMap.legend(),
                webMap.quicklook(), out.resolve("change.geojson"), "rgbunmix: land-cover change", summary,
                List.of("change.geojson", "change.csv", "change.tif", "change.png")));
        engine.out().println(summary + "; wrote " + out.resolve("change.geojson") + ", change.csv, change.tif, "
                + "change.png, change.html");
        return 0;
    }

    /** The index of the class --map-class names, checked against the model's keys before any run; -1 for none. */
    private int mapped(ModelCard card) throws InvalidInputException {
        if (mapClass == null) {
            return -1;
        }
        List<String> keys = card.classes().stream().map(ModelCard.ClassInfo::key).toList();
        if (!keys.contains(mapClass)) {
            throw new InvalidInputException("mapClass", "--map-class " + mapClass + " is not a class of the "
                    + card.level() + " model; use one of " + String.join(", ", keys));
        }
        return keys.indexOf(mapClass);
    }
}
