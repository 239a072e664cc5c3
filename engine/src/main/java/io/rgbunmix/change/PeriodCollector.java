package io.rgbunmix.change;

import io.rgbunmix.windows.Window;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.WindowResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One period's run as the change needs it: each kept window's result and each skipped window's reason, by
 * window id. It holds one small record per window (not pixels), so its memory grows with the windows only.
 */
public final class PeriodCollector implements ResultWriter {
    /** A window the engine did not process, and why. */
    public record Skipped(Window window, SkipReason reason, String detail) {
    }

    private final Map<Long, WindowResult> kept = new LinkedHashMap<>();
    private final Map<Long, Skipped> skipped = new LinkedHashMap<>();
    private RunLayout layout;
    private RunSummary summary;

    @Override
    public void begin(RunLayout runLayout) {
        this.layout = runLayout;
    }

    @Override
    public void write(WindowResult result) {
        kept.put(result.window().id(), result);
    }

    @Override
    public void skipped(Window window, SkipReason reason, String detail) {
        skipped.put(window.id(), new Skipped(window, reason, detail));
    }

    @Override
    public void finish(RunSummary runSummary) {
        this.summary = runSummary;
    }

    public RunLayout layout() {
        return layout;
    }

    public RunSummary summary() {
        return summary;
    }

    public Map<Long, WindowResult> kept() {
        return kept;
    }

    public Map<Long, Skipped> skipped() {
        return skipped;
    }
}
