package io.rgbunmix.unmix;

import io.rgbunmix.windows.Window;
import java.io.IOException;
import java.util.List;

/** Receives a run's results as they come: one call per processed window, in row-major order. */
public interface ResultWriter {
    void begin(RunLayout layout) throws IOException;

    void write(WindowResult result) throws IOException;

    /**
     * A window of the grid that was not processed, and why ({@code detail} says it of this window, e.g.
     * "clouds and shadows 37 %"): before the processed windows of its batch, so in row-major order among
     * the skipped ones. Most writers keep only processed windows.
     */
    default void skipped(Window window, SkipReason reason, String detail) throws IOException {
    }

    /** Called once after the last window of a successful run. */
    void finish(RunSummary summary) throws IOException;

    /** Sends every call to each writer in turn. */
    static ResultWriter all(List<? extends ResultWriter> writers) {
        return new ResultWriter() {
            @Override
            public void begin(RunLayout layout) throws IOException {
                for (ResultWriter w : writers) {
                    w.begin(layout);
                }
            }

            @Override
            public void write(WindowResult result) throws IOException {
                for (ResultWriter w : writers) {
                    w.write(result);
                }
            }

            @Override
            public void skipped(Window window, SkipReason reason, String detail) throws IOException {
                for (ResultWriter w : writers) {
                    w.skipped(window, reason, detail);
                }
            }

            @Override
            public void finish(RunSummary summary) throws IOException {
                for (ResultWriter w : writers) {
                    w.finish(summary);
                }
            }
        };
    }
}
