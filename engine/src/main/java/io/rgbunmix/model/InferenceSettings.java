package io.rgbunmix.model;

/**
 * How sessions run: windows per batch and ONNX Runtime intra-op threads
 * (0 lets ONNX Runtime choose, one per physical core).
 */
public record InferenceSettings(int batchSize, int threads) {
    public static final InferenceSettings DEFAULT = new InferenceSettings(16, 0);

    public InferenceSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or more, got " + threads);
        }
    }
}
