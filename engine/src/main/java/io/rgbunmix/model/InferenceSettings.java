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

    /**
     * The batches a run has in flight at once: two more than there are inferring threads, so that a thread ending a
     * batch finds the next one queued while the run writes the results of the oldest. With one more only, the threads
     * that end batches together (as they start them together) waited up to 7 ms a batch on a busy 2-core machine for
     * the writing thread, which shares their cores (docs/performance.md).
     */
    public int batchesInFlight() {
        return inferringThreads() + 2;
    }
}
