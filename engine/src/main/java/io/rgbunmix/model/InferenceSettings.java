package io.rgbunmix.model;

/**
 * How models run: windows per batch, ONNX Runtime intra-op threads per call (0 lets ONNX Runtime
 * choose, one per physical core) and inferring threads, each running whole batches on the shared
 * session (0: one per core). On this model several callers at 1 intra-op thread each use the cores
 * better than one caller with several ({@code docs/performance.md}).
 */
public record InferenceSettings(int batchSize, int threads, int workers) {
    public static final InferenceSettings DEFAULT = new InferenceSettings(16, 1, 0);

    public InferenceSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (automatic) or more, got " + threads);
        }
        if (workers < 0) {
            throw new IllegalArgumentException("inference threads must be 0 (one per core) or more, got " + workers);
        }
    }

    /** One inferring thread, {@code threads} intra-op threads. */
    public InferenceSettings(int batchSize, int threads) {
        this(batchSize, threads, 1);
    }

    /** The number of inferring threads, with 0 resolved to the cores this JVM may use. */
    public int inferringThreads() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
