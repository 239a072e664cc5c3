package io.rgbunmix.cli;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.PeriodCollector;
import io.rgbunmix.config.Settings;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.RasterFile;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.ChangeWriters;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.ResampledRaster;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rgbunmix change}: abundances of two periods on one grid (the "before" composite's, the "after"
 * one warped onto it), and per window the change of each class with whether it exceeds the model's own
 * error. Writes change.geojson, change.csv and change.tif.
 */
@Command(name = "change", mixinStandardHelpOptions = true,
        description = "Land-cover change between two periods: each period's scenes made into one composite, both "
                + "windowed on the 'before' grid; writes change.geojson (EPSG:4326, with the transition matrix), "
                + "change.tif (a band of change per class) and change.csv: per window both periods' percentages, the change in points, and whether it is likely.")
final class ChangeCommand implements Callable<Integer> {
    @Option(names = "--before", required = true, arity = "1..*", paramLabel = "SCENE",
            description = "The first period's scenes: files, SAFE products, STAC items, folders or list files.")
    List<String> before = new ArrayList<>();

    @Option(names = "--after", required = true, arity = "1..*", paramLabel = "SCENE",
            description = "The second period's scenes, as --before.")
    List<String> after = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--ancillary", paramLabel = "FILE.geojson|FILE.gml", description = "Ancillary features, the same "
            + "for both periods.")
    Path features;

    @Option(names = "--ancillary-values", paramLabel = "name=value,...", description = "Ancillary values for every window.")
    String values;

    @Option(names = "--dem", paramLabel = "FILE", description = "A digital elevation model (elevation and slope).")
    Path dem;

    @Option(names = "--level", defaultValue = "N2", paramLabel = "N1|N2", description = "SIPNA level (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--stride", defaultValue = "224", paramLabel = "PIXELS", description = "Pixels between windows "
            + "(default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--significance", defaultValue = "2", paramLabel = "K", description = "A class's change is likely "
            + "when |after - before| > K * sqrt(2) * its error (the model's validation MAE) (default: ${DEFAULT-VALUE}).")
    double significance;

    @Option(names = "--max-dates", paramLabel = "N", defaultValue = "24", description = "The most scenes per period "
            + "(default: ${DEFAULT-VALUE}).")
    int maxDates;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (features == null && values == null && dem == null) {
            throw new InvalidInputException("ancillary", "give the ancillary data: --ancillary, --ancillary-values "
                    + "and/or --dem");
        }
        if (!(significance > 0)) {
            throw new InvalidInputException("significance", "--significance must be above 0, got " + significance);
        }
        Level asked = Level.parse(level);
        UnmixOptions options = new UnmixOptions(asked, stride, new int[] {1, 2, 3}, null, 1.0,
                UnmixOptions.DEFAULT_MAX_MASKED_FRACTION);
        Files.createDirectories(out);
        RasterInputs inputs = new RasterInputs(new ReferenceFetcher(new Settings.References(List.of(), 1L << 33, 120L)),
                true);
        ChangeComparison comparison;
        RasterGeometry grid;
        RunLayout layout;
        try (ModelStore models = engine.store();
             Scenes first = scenes(inputs, before, "before");
             Scenes second = scenes(inputs, after, "after")) {
            OpenedRaster firstRaster = first.raster(Scenes.MaskChoice.DEFAULT, null);
            OpenedRaster secondRaster = second.raster(Scenes.MaskChoice.DEFAULT, null);
            grid = firstRaster.source().geometry();
            RasterSource warped = onto(secondRaster.source(), grid);
            engine.err().println("before: " + firstRaster.description() + "; after: " + secondRaster.description());
            PeriodCollector one = period(models, inputs, firstRaster.source(), options.withRescale(firstRaster.rescale()),
                    "before");
            PeriodCollector two = period(models, inputs, warped, options.withRescale(secondRaster.rescale()), "after");
            comparison = ChangeComparison.of(one, two, significance);
            layout = one.layout();
        }
        try (OutputStream geojson = new BufferedOutputStream(Files.newOutputStream(out.resolve("change.geojson")));
             OutputStream csv = new BufferedOutputStream(Files.newOutputStream(out.resolve("change.csv")))) {
            ChangeWriters.geoJson(comparison, grid, geojson);
            ChangeWriters.csv(comparison, csv);
        }
        ChangeWriters.geoTiff(comparison, layout, out.resolve("change.tif"));
        long likely = comparison.changes().stream().filter(c -> c.anyLikely()).count();
        engine.out().println(comparison.changes().size() + " windows compared, " + likely + " with a likely change, "
                + comparison.skipped().size() + " skipped by either period; wrote " + out.resolve("change.geojson")
                + ", change.csv, change.tif");
        return 0;
    }

    /** The "after" raster on the "before" grid: as it is when the grids agree, else warped (nearest neighbour). */
    private static RasterSource onto(RasterSource raster, RasterGeometry grid) throws Exception {
        if (raster.geometry().equals(grid)) {
            return raster;
        }
        ResampledRaster warped = new ResampledRaster(raster, grid);
        if (warped.coverage() == 0) {
            throw new InvalidInputException("after", "the periods do not overlap: the 'after' scenes ("
                    + raster.name() + ") do not meet the 'before' grid");
        }
        return warped;
    }

    private Scenes scenes(RasterInputs inputs, List<String> locations, String side) throws Exception {
        Scenes scenes = new Scenes();
        try {
            SceneSources sources = new SceneSources(inputs, maxDates);
            for (String location : locations) {
                sources.open(location, location, List.of()).forEach(scenes::add);
            }
            if (scenes.count() == 0) {
                throw new InvalidInputException(side, "--" + side + " names no scene");
            }
            return scenes;
        } catch (Exception e) {
            scenes.close();
            throw e;
        }
    }

    private PeriodCollector period(ModelStore models, RasterInputs inputs, RasterSource raster, UnmixOptions options,
                                   String side) throws Exception {
        PeriodCollector collector = new PeriodCollector();
        try (AncillaryLayers ancillary = new AncillaryLayers(inputs, values, RasterFile.own(dem), Map.of(),
                features == null ? null : RunCommand.features(features, raster), raster.geometry().crs())) {
            new UnmixEngine(models).run(raster, ancillary.source(), options, collector,
                    ProgressBar.forTerminal(side + " windows"), () -> false);
        }
        return collector;
    }
}
