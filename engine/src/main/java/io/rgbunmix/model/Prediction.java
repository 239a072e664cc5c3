package io.rgbunmix.model;

/**
 * Model outputs for a batch: per window, the abundance fractions (sum 1) and the
 * presence probabilities, both in the card's class order.
 */
public record Prediction(float[][] abundance, float[][] presence) {
    public int size() {
        return abundance.length;
    }
}
