package io.rgbunmix.cli;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.files.FeatureFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.inputs.SceneSources;
import io.rgbunmix.inputs.StacSearch;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.OptionNames;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.unmix.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's run sources: what its options name (paths, URLs, folders and list files of scenes), the
 * scenes a STAC search finds for an image input, and {@code --ancillary-raster name=FILE}; features are read as
 * GeoJSON or GML, told by their content ({@link FeatureFiles}).
 */
final class CommandLineSources implements RunSources {
    private final CommandLineOptions given;
    private final RasterInputs inputs;
    private final Map<String, StacSearch> searches;
    private final Map<String, Path> variableRasters;
    private final int maxDates;

    /**
     * @param searches        a STAC search per image input that has one
     * @param variableRasters {@code --ancillary-raster}'s files, by variable
     * @param maxDates        the most scenes an image input may name ({@code --max-dates})
     */
    CommandLineSources(CommandLineOptions given, RasterInputs inputs, Map<String, StacSearch> searches,
                       Map<String, Path> variableRasters, int maxDates) {
        this.given = given;
        this.inputs = inputs;
        this.searches = searches;
        this.variableRasters = Map.copyOf(variableRasters);
        this.maxDates = maxDates;
    }

    /**
     * {@code --ancillary-raster name=FILE} by the input each stands for ({@code temp_aveRaster}); an unknown
     * variable is refused.
     */
    static Map<String, Path> variableRasters(Map<String, Path> given) throws InvalidInputException {
        Map<String, Path> byInput = new LinkedHashMap<>();
        for (Map.Entry<String, Path> raster : given.entrySet()) {
            String variable = raster.getKey().toLowerCase(Locale.ROOT);
            if (!ModelContract.ANCILLARY.contains(variable)) {
                throw new InvalidInputException("ancillary", "unknown ancillary variable '" + raster.getKey()
                        + "'; the seven are " + String.join(", ", ModelContract.ANCILLARY));
            }
            byInput.put(variable + "Raster", raster.getValue());
        }
        return byInput;
    }

    @Override
    public List<OpenedRaster> dates(String input, List<String> bandNames) throws Exception {
        SceneSources sources = new SceneSources(inputs, maxDates);
        List<OpenedRaster> scenes = new ArrayList<>(SceneSources.openAll(given.texts(input),
                (location, i) -> sources.open(location, nameOf(location), bandNames)));
        StacSearch search = searches.get(input);
        try {
            if (search != null) {
                scenes.addAll(sources.search(search, search.url(), bandNames));
            }
            if (scenes.size() > maxDates) {
                throw new InvalidInputException(input, scenes.size() + " scenes; at most " + maxDates
                        + " are composited (--max-dates)");
            }
            if (scenes.isEmpty()) {
                throw new InvalidInputException(input, OptionNames.flag(input) + " names no scene");
            }
            return scenes;
        } catch (Exception e) {
            SceneSources.closeAll(scenes);
            throw e;
        }
    }

    @Override
    public List<OpenedRaster> rasters(String input) throws Exception {
        List<Path> paths = variableRasters.containsKey(input) && given.path(input).isEmpty()
                ? List.of(variableRasters.get(input)) : given.paths(input);
        return SceneSources.openAll(paths, (path, i) -> List.of(inputs.open(path, input.endsWith("Raster")
                ? input.substring(0, input.length() - "Raster".length()) + " raster"
                : input.equals("mask") ? String.valueOf(path.getFileName()) : input, List.of())));
    }

    @Override
    public Optional<FeatureCollection> features(String input) throws Exception {
        Optional<Path> path = given.path(input);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        Path features = path.get();
        try (InputStream in = Files.newInputStream(features)) {
            return Optional.of(FeatureFiles.read(in));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(input, features + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(input, features.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /** What messages call a raster: its file name, or the URL as given. */
    static String nameOf(String location) {
        if (RasterInputs.isUrl(location)) {
            return location.trim();
        }
        Path name = Path.of(location).getFileName();
        return name == null ? location : name.toString();
    }
}
