package io.rgbunmix.processes;

import io.rgbunmix.unmix.ProgressListener;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** The diagnostic echo's work, the same on every server: a pause that reports progress and can be dismissed. */
public final class Echo {
    private Echo() {
    }

    /** Waits {@code seconds} in steps of about 0.1 s, reporting each; a dismissal ends it with a CancellationException. */
    public static void pause(double seconds, ProgressListener progress, BooleanSupplier cancelled)
            throws InterruptedException {
        long pauseMillis = (long) (seconds * 1000);
        long steps = Math.max(1, pauseMillis / 100);
        for (long step = 1; pauseMillis > 0 && step <= steps; step++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("dismissed");
            }
            Thread.sleep(pauseMillis / steps);
            progress.progress(step, steps);
        }
    }

    /** The message's length in characters (code points, so an emoji counts once). */
    public static int length(String message) {
        return message.codePointCount(0, message.length());
    }
}
