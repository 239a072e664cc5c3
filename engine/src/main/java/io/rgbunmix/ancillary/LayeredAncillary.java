package io.rgbunmix.ancillary;

import io.rgbunmix.model.ModelContract;
import io.rgbunmix.raster.RasterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;

/**
 * The ancillary values of a window from several sources, each variable from the first that has it:
 * values given explicitly, then rasters (a DEM for elevation and slope, a grid per climate variable),
 * then features. A window for which some variable has no value anywhere is skipped.
 */
public final class LayeredAncillary implements AncillarySource {
    /** A raster for one variable, with the name the outputs record as its source ("dem", "raster"). */
    public record Layer(String source, AncillaryRaster raster) {
    }

    private final Map<Integer, Double> values;
    private final Map<Integer, Layer> rasters;
    private final AncillarySource features;

    /**
     * @param values   explicit values by model index (see {@link ModelContract#ANCILLARY})
     * @param rasters  rasters by model index
     * @param features features for what is left, or null
     * @throws IllegalArgumentException when some variable has no source at all, naming it
     */
    public LayeredAncillary(Map<Integer, Double> values, Map<Integer, Layer> rasters, AncillarySource features) {
        this.values = Map.copyOf(values);
        this.rasters = Map.copyOf(rasters);
        this.features = features;
        if (features == null) {
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < ModelContract.ANCILLARY.size(); i++) {
                if (!values.containsKey(i) && !rasters.containsKey(i)) {
                    missing.add(ModelContract.ANCILLARY.get(i));
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("no value, raster or features for " + String.join(", ", missing)
                        + ": the model needs all of " + String.join(", ", ModelContract.ANCILLARY));
            }
        }
    }

    @Override
    public Optional<AncillaryValues> valuesFor(Polygon footprint) {
        int n = ModelContract.ANCILLARY.size();
        double[] result = new double[n];
        String[] sources = new String[n];
        Optional<AncillaryValues> fromFeatures = null;
        for (int i = 0; i < n; i++) {
            if (values.containsKey(i)) {
                result[i] = values.get(i);
                sources[i] = "value";
                continue;
            }
            Layer layer = rasters.get(i);
            if (layer != null) {
                double mean;
                try {
                    mean = layer.raster().mean(footprint);
                } catch (RasterException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
                if (!Double.isNaN(mean)) {
                    result[i] = mean;
                    sources[i] = layer.source();
                    continue;
                }
            }
            if (features == null) {
                return Optional.empty();
            }
            if (fromFeatures == null) {
                fromFeatures = features.valuesFor(footprint);
            }
            if (fromFeatures.isEmpty()) {
                return Optional.empty();
            }
            result[i] = fromFeatures.get().get(i);
            sources[i] = "features";
        }
        return Optional.of(new AncillaryValues(result, List.of(sources)));
    }
}
