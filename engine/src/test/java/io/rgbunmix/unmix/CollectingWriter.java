package io.rgbunmix.unmix;

import java.util.ArrayList;
import java.util.List;

/** Keeps what the engine hands to a writer, for assertions. */
public final class CollectingWriter implements ResultWriter {
    public RunLayout layout;
    public final List<WindowResult> results = new ArrayList<>();
    public RunSummary summary;
    /** Each skipped window's detail, by window id. */
    public final java.util.Map<Long, String> skipped = new java.util.TreeMap<>();
    public final java.util.Map<Long, SkipReason> skipReasons = new java.util.TreeMap<>();

    @Override
    public void skipped(io.rgbunmix.windows.Window window, SkipReason reason, String detail) {
        skipped.put(window.id(), detail);
        skipReasons.put(window.id(), reason);
    }

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
