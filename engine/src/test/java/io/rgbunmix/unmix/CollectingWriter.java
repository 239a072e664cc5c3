package io.rgbunmix.unmix;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the engine hands to a writer, for assertions. */
public final class CollectingWriter implements ResultWriter {
    public RunLayout layout;
    public final List<WindowResult> results = new ArrayList<>();
    public RunSummary summary;

    @Override
    public void begin(RunLayout layout) {
        this.layout = layout;
    }

    @Override
    public void write(WindowResult result) {
        results.add(result);
    }

    @Override
    public void finish(RunSummary summary) {
        this.summary = summary;
    }
}
