package io.rgbunmix.change;

import com.fasterxml.jackson.databind.JsonNode;
import io.rgbunmix.model.ModelCard;
import java.util.HashSet;
import java.util.Set;

/**
 * The model's error per class, in percentage points, as its card states it: the validation MAE of each
 * class ({@code provenance.metrics.model.per_class.<key>.mae}). A class the card lists among those without
 * training data, or without a MAE of its own, takes the model's overall MAE: its own figure (near 0 for a
 * class never predicted) would call every difference in it real.
 *
 * @param perClass error of each class, in the card's class order
 * @param source   where the figures come from, for the report
 */
public record ModelError(double[] perClass, String source) {
    /** The card's figures; refused, in words, when it has none. */
    public static ModelError of(ModelCard card) {
        JsonNode metrics = card.provenance() == null ? null : card.provenance().path("metrics").path("model");
        if (metrics == null || !metrics.path("mae").isNumber()) {
            throw new IllegalArgumentException("model " + card.id() + " states no validation MAE in its card "
                    + "(provenance.metrics.model.mae), so no change can be weighed against its error; retrain it "
                    + "with training/train.py, which writes it");
        }
        double overall = metrics.path("mae").asDouble();
        Set<String> untrained = new HashSet<>();
        card.provenance().path("classes_without_training_data").forEach(key -> untrained.add(key.asText()));
        double[] errors = new double[card.classes().size()];
        int own = 0;
        for (int k = 0; k < errors.length; k++) {
            String key = card.classes().get(k).key();
            JsonNode mae = metrics.path("per_class").path(key).path("mae");
            if (mae.isNumber() && !untrained.contains(key)) {
                errors[k] = mae.asDouble();
                own++;
            } else {
                errors[k] = overall;
            }
        }
        return new ModelError(errors, "validation MAE of model " + card.id() + ": " + own + " of " + errors.length
                + " classes their own, the others the model's " + String.format(java.util.Locale.ROOT, "%.2f", overall)
                + " points");
    }

    /**
     * The smallest difference in class {@code k} counted as likely: k times the error of the difference of
     * two independent estimates, each as uncertain as the model, {@code significance * sqrt(2) * e_k}.
     */
    public double threshold(int k, double significance) {
        return significance * Math.sqrt(2) * perClass[k];
    }
}
