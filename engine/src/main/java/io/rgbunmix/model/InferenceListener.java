package io.rgbunmix.model;

/**
 * Told of every batch the shared models infer, for whoever counts them (a server's metrics); the
 * engine itself keeps no figures. Called on the inferring thread: it must be quick and thread-safe.
 */
@FunctionalInterface
public interface InferenceListener {
    InferenceListener NONE = (level, windows, nanos) -> { };

    /** A batch of {@code windows} windows of {@code level} took {@code nanos} of inference. */
    void batch(Level level, int windows, long nanos);
}
