package io.rgbunmix.inputs;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.files.FeatureFiles;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.OpenedRaster;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * A server's run sources: the files its clients sent (or the references it reads in place), each read as the
 * kind its media type declares, under the server's reference rules and its limit on dates.
 */
public final class ClientFiles implements RunSources {
    private final ProcessInputs inputs;
    private final RasterInputs rasters;
    private final int maxDates;

    public ClientFiles(ProcessInputs inputs, RasterInputs rasters, int maxDates) {
        this.inputs = inputs;
        this.rasters = rasters;
        this.maxDates = maxDates;
    }

    /** Messages call the n-th of several rasters "raster n". */
    @Override
    public List<OpenedRaster> dates(String input, List<String> bandNames) throws Exception {
        List<InputValue.Complex> given = inputs.complexes(input);
        SceneSources sources = new SceneSources(rasters, maxDates);
        List<OpenedRaster> dates = SceneSources.openAll(given, (raster, i) -> {
            String name = given.size() == 1 ? input : input + " " + (i + 1);
            return raster.collection() != null ? sources.search(search(input, raster.collection()), name, bandNames)
                    : raster.isInPlace() ? List.of(rasters.openRemoteGeoTiff(raster.href(), name, bandNames))
                    : sources.open(file(raster), name, bandNames);
        });
        if (dates.size() > maxDates) {
            SceneSources.closeAll(dates);
            throw new InputException(InputException.INVALID, input, dates.size() + " dates; this server "
                    + "composites at most " + maxDates + " (limits.maxDates)");
        }
        return dates;
    }

    @Override
    public List<OpenedRaster> rasters(String input) throws Exception {
        List<InputValue.Complex> given = inputs.complexes(input);
        return SceneSources.openAll(given, (raster, i) -> {
            String name = given.size() == 1 ? name(input) : name(input) + " " + (i + 1);
            return List.of(RunBinder.parse(input, () -> rasters.open(file(raster), name, List.of())));
        });
    }

    /**
     * A collection input as the STAC API Item Search the command line's {@code --stac-search} makes: the collection
     * ({@code <API>/collections/<id>}) over the execution's area, in its period, with at most
     * {@link StacSearch#MAX_CLOUD_COVER} % cloud.
     */
    private StacSearch search(String input, InputValue.Collection collection) throws InputException {
        String url = collection.url().trim();
        int at = url.lastIndexOf("/collections/");
        String id = at < 0 ? "" : url.substring(at + "/collections/".length()).replaceAll("[/?#].*$", "");
        if (id.isEmpty()) {
            throw new InputException(InputException.INVALID, input, "a collection is given by its URL, "
                    + "<STAC API>/collections/<id>, not '" + url + "'");
        }
        if (collection.datetime() == null || collection.datetime().isBlank()) {
            throw new InputException(InputException.MISSING, input, "a collection is searched over a period: give its "
                    + "'datetime', e.g. 2024-05-01/2024-09-30");
        }
        String area = inputs.text("area").orElseThrow(() -> new InputException(InputException.MISSING, "area",
                "a collection is searched over the execution's 'area' (minx,miny,maxx,maxy[,CRS])"));
        double[] bbox = RunBinder.parse("area", () -> AreaOfInterest.parse(area).lonLatBounds());
        return new StacSearch(url.substring(0, at), id, collection.datetime().trim(), bbox, (double) StacSearch.MAX_CLOUD_COVER);
    }

    /** What messages call a raster input: a variable's raster by its variable ("temp_ave raster"). */
    private static String name(String input) {
        return input.endsWith("Raster") ? input.substring(0, input.length() - "Raster".length()) + " raster" : input;
    }

    /** GeoJSON or GML, told by the content (the declared type was checked against the input's formats). */
    @Override
    public Optional<FeatureCollection> features(String input) throws Exception {
        Optional<InputValue.Complex> given = inputs.complex(input);
        if (given.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(given.get().file())) {
            return Optional.of(RunBinder.parse(input, () -> FeatureFiles.read(in)));
        }
    }

    /** A client's file, to be read as the kind its media type declares. */
    public static RasterFile file(InputValue.Complex input) {
        return new RasterFile(input.file(), input.mimeType());
    }
}
