package io.rgbunmix.spark;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRules;
import io.rgbunmix.files.FeatureFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.OpenedRaster;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every task of a run needs, sent to the executors with it.
 *
 * @param models           the models folder, absolute, on storage every executor sees
 * @param given            the text of every described input the job was given, with the description's defaults:
 *                         literals as given, files (the DEM, the ancillary rasters) as absolute paths
 * @param ancillaryFeatures the ancillary features' file (GeoJSON or GML, told by its content), read once on the
 *                         driver, or null
 * @param allowUrls        URL prefixes the executors may read (COGs, STAC assets); empty: none
 * @param batchSize        windows per inference batch
 * @param threads          inferring threads per executor JVM (0: one per core)
 * @param rowsPerTask      window rows per task: a raster of more rows is split into several tasks
 */
public record RunSettings(String models, Map<String, List<String>> given, byte[] ancillaryFeatures, List<String> allowUrls,
                          int batchSize,
                          int threads, int rowsPerTask) implements Serializable {
    public RunSettings {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        given.forEach((name, texts) -> copy.put(name, new ArrayList<>(texts)));
        given = copy;   // a LinkedHashMap of ArrayLists: serializable to every executor
        allowUrls = new ArrayList<>(allowUrls);
    }

    /** Largest download and longest wait for one URL, as the command line reads them. */
    private static final long MAX_BYTES = 8L * 1024 * 1024 * 1024;
    private static final long TIMEOUT_SECONDS = 120L;

    /**
     * The one opener of rasters, as {@code rgbunmix run} opens them on the user's own machine: by content, a STAC
     * item's assets and COGs over http(s) under the rules of --allow-url. Made on each executor: it holds a
     * connection pool, which does not travel.
     */
    RasterInputs rasters() {
        return new RasterInputs(allowUrls.isEmpty() ? null
                : new ReferenceFetcher(new ReferenceRules(allowUrls, MAX_BYTES, TIMEOUT_SECONDS)), true);
    }

    /**
     * The run's inputs as the description checks them, for the one binder on an executor: the texts given, the
     * raster (which each task opens itself) and the features (the file's bytes) standing as given.
     */
    /** The run's inputs with their options read, once per task. */
    public CheckedRun run() throws InputException {
        return CheckedRun.of(inputs());
    }

    public ProcessInputs inputs() throws InputException {
        Map<String, List<InputValue>> values = new LinkedHashMap<>();
        values.put("raster", List.of(new InputValue.Complex(null, null)));
        if (ancillaryFeatures != null) {
            values.put("ancillary", List.of(new InputValue.Complex(null, null)));
        }
        given.forEach((name, texts) -> {
            boolean literal = ProcessDescriptions.ESTIMATE_ABUNDANCES.input(name)
                    .map(p -> p.type().textual()).orElse(true);
            values.put(name, texts.stream().map(text -> literal ? (InputValue) new InputValue.Literal(text)
                    : new InputValue.Complex(null, null)).toList());
        });
        return ProcessInputs.validate(ProcessDescriptions.ESTIMATE_ABUNDANCES, values);
    }

    /**
     * The binder's sources on an executor: the DEM and the ancillary rasters opened from their paths, as each
     * task reads them per window, and the features from the file's bytes.
     */
    RunSources sources() {
        RasterInputs opener = rasters();
        return new RunSources() {
            @Override
            public List<OpenedRaster> dates(String input, List<String> bandNames) {
                throw new IllegalStateException("each task opens its raster's rows itself");
            }

            @Override
            public List<OpenedRaster> rasters(String input) throws Exception {
                List<OpenedRaster> opened = new ArrayList<>();
                for (String path : given.getOrDefault(input, List.of())) {
                    opened.add(RunBinder.parse(input, () -> Rasters.file(path, List.of(), opener)));
                }
                return opened;
            }

            @Override
            public Optional<FeatureCollection> features(String input) throws Exception {
                return ancillaryFeatures == null ? Optional.empty() : Optional.of(RunBinder.parse(input,
                        () -> FeatureFiles.read(new ByteArrayInputStream(ancillaryFeatures))));
            }
        };
    }
}
