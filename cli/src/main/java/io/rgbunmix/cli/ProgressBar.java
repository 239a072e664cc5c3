package io.rgbunmix.cli;

import io.rgbunmix.unmix.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, drawn only when a terminal is attached. */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw;

    private ProgressBar(PrintStream out, String unit) {
        this.out = out;
        this.unit = unit;
    }

    /** A bar on stderr if it is a terminal, else nothing. */
    static ProgressListener forTerminal(String unit) {
        return System.console() != null ? new ProgressBar(System.err, unit) : ProgressListener.NONE;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0.0;
        String eta = done < total && rate > 0 ? String.format(Locale.ROOT, ", %ds left ", (long) ((total - done) / rate)) : "";
        out.printf(Locale.ROOT, "\r[%s%s] %3d%% %d/%d %s, %.1f/s%s", "#".repeat(filled), " ".repeat(WIDTH - filled),
                total == 0 ? 100 : 100 * done / total, done, total, unit, rate, eta);
        if (done >= total) {
            out.println();
        }
        out.flush();
    }
}
