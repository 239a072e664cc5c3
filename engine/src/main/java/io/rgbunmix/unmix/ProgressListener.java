package io.rgbunmix.unmix;

/** Told how many of the grid's windows are done (processed or skipped) after each batch. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
