package io.rgbunmix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.RasterGeometry;
import java.awt.geom.AffineTransform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Shared fixtures: the deterministic test models and their outputs recomputed by hand. */
public final class TestData {
    public static final Path MODELS = Path.of("engine/src/test/resources/models");
    public static final Path SHARED = Path.of("../shared/datasets");
    /** A plausible Andalusian set of ancillary values, in model order. */
    public static final double[] ANCILLARY = {894.2, 376.1, 519.7, 6.1, 16.6, 23.7, 10.1};
    public static final String ANCILLARY_TEXT = "evapotranspiration=894.2,precipitation=376.1,elevation=519.7,"
            + "slope=6.1,temp_ave=16.6,temp_max=23.7,temp_min=10.1";

    private TestData() {
    }

    public static ModelStore store() {
        return new ModelStore(MODELS, new InferenceSettings(4, 1));
    }

    /** A north-up UTM 30N raster geometry with square pixels. */
    public static RasterGeometry utm(int width, int height, double east, double north, double pixel) {
        return new RasterGeometry(width, height, Crs.forCode("EPSG:32630"),
                new AffineTransform(pixel, 0, 0, -pixel, east, north));
    }

    /** Abundances (fractions) the test model gives for a window of mean colour (r, g, b). */
    public static double[] abundance(Level level, double r, double g, double b, double[] ancillary) {
        double[] logits = logits(level, "abundance", r, g, b, ancillary);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    /** Presence probabilities the test model gives. */
    public static double[] presence(Level level, double r, double g, double b, double[] ancillary) {
        double[] logits = logits(level, "presence", r, g, b, ancillary);
        for (int k = 0; k < logits.length; k++) {
            logits[k] = 1 / (1 + Math.exp(-logits[k]));
        }
        return logits;
    }

    private static double[] logits(Level level, String head, double r, double g, double b, double[] ancillary) {
        JsonNode weights = weights(level);
        JsonNode w = weights.get("w_" + head);
        JsonNode bias = weights.get("b_" + head);
        double[] x = new double[10];
        x[0] = r;
        x[1] = g;
        x[2] = b;
        System.arraycopy(ancillary, 0, x, 3, 7);
        double[] out = new double[bias.size()];
        for (int k = 0; k < out.length; k++) {
            double sum = bias.get(k).floatValue();
            for (int i = 0; i < 10; i++) {
                sum += (float) x[i] * (double) w.get(i).get(k).floatValue();
            }
            out[k] = sum;
        }
        return out;
    }

    private static JsonNode weights(Level level) {
        try {
            return new ObjectMapper().readTree(Files.readString(
                    MODELS.resolve("untrained-test-" + level.name().toLowerCase() + "/weights.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
