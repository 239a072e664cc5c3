package io.rgbunmix.spark;

import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.GeoJsonFeatures;
import io.rgbunmix.binding.RunSources;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.OpenedRaster;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What every task of a run needs, sent to the executors with it.
 *
 * @param models           the models folder, on storage every executor sees
 * @param level            N1 or N2
 * @param stride           pixels between windows
 * @param ancillaryValues  'name=value,...' for every window, or null
 * @param ancillaryGeoJson the ancillary features' GeoJSON text, or null
 * @param batchSize        windows per inference batch
 * @param threads          inferring threads per executor JVM (0: one per core)
 * @param rowsPerTask      window rows per task: a raster of more rows is split into several tasks
 * @param maskClasses      the classes the scenes' masks reject ('3,8,9,10'), 'none', or null for nonzero
 * @param maxMaskedFraction windows with more masked area are skipped
 */
public record RunSettings(String models, String level, int stride, String ancillaryValues, String ancillaryGeoJson,
                          int batchSize, int threads, int rowsPerTask, String maskClasses, double maxMaskedFraction)
        implements Serializable {

    /**
     * The run's inputs as the description checks them, for the one binder on an executor: the literals given, the
     * raster (which each task opens itself) and the features (this GeoJSON text) standing as given.
     */
    public ProcessInputs inputs() throws InputException {
        Map<String, List<InputValue>> given = new LinkedHashMap<>();
        given.put("raster", List.of(new InputValue.Complex(null, null)));
        if (ancillaryGeoJson != null) {
            given.put("ancillary", List.of(new InputValue.Complex(null, null)));
        }
        literal(given, "ancillaryValues", ancillaryValues);
        literal(given, "level", level);
        literal(given, "stride", String.valueOf(stride));
        literal(given, "maskClasses", maskClasses);
        literal(given, "maxMaskedFraction", String.valueOf(maxMaskedFraction));
        return ProcessInputs.validate(ProcessDescriptions.ESTIMATE_ABUNDANCES, given);
    }

    private static void literal(Map<String, List<InputValue>> given, String name, String text) {
        if (text != null) {
            given.put(name, List.of(new InputValue.Literal(text)));
        }
    }

    /** The binder's sources on an executor: the features from the GeoJSON text; the job offers no ancillary raster. */
    RunSources sources() {
        return new RunSources() {
            @Override
            public List<OpenedRaster> dates(String input, List<String> bandNames) {
                throw new IllegalStateException("each task opens its raster's rows itself");
            }

            @Override
            public List<OpenedRaster> rasters(String input) {
                return List.of();
            }

            @Override
            public Optional<FeatureCollection> features(String input) throws Exception {
                return ancillaryGeoJson == null ? Optional.empty() : Optional.of(GeoJsonFeatures.read(
                        new ByteArrayInputStream(ancillaryGeoJson.getBytes(StandardCharsets.UTF_8))));
            }
        };
    }
}
