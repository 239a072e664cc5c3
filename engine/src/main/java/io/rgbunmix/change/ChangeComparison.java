package io.rgbunmix.change;

import io.rgbunmix.model.ModelCard;
import io.rgbunmix.unmix.WindowResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Two periods' runs on one grid, window by window: a window is compared only when both periods kept it; a
 * window either skipped is reported with the period and the reason.
 *
 * @param model        the model both periods ran
 * @param error        its error per class, which weighs each difference
 * @param significance k of the rule |difference| > k * sqrt(2) * error
 * @param changes      the windows kept in both, in the grid's order
 * @param skipped      the windows skipped by either period, in the grid's order
 */
public record ChangeComparison(ModelCard model, ModelError error, double significance, List<WindowChange> changes,
                               List<SkippedWindow> skipped) {
    /** A window left out of the change, and which period left it out (or both). */
    public record SkippedWindow(long window, String period, PeriodCollector.Skipped reason) {
    }

    public static final String BEFORE = "before";
    public static final String AFTER = "after";

    /** Compares the two runs; refused, in words, when they cannot be compared. */
    public static ChangeComparison of(PeriodCollector before, PeriodCollector after, double significance) {
        if (!(significance > 0)) {
            throw new IllegalArgumentException("significance must be a number above 0, got " + significance);
        }
        ModelCard model = before.layout().model();
        if (model.level() != after.layout().model().level()) {
            throw new IllegalArgumentException("the periods were estimated at different levels (before "
                    + model.level() + ", after " + after.layout().model().level() + "): compare one level");
        }
        if (!before.layout().grid().equals(after.layout().grid())) {
            throw new IllegalArgumentException("the periods' windows are not on one grid (before "
                    + before.layout().grid() + ", after " + after.layout().grid() + ")");
        }
        ModelError error = ModelError.of(model);
        List<WindowChange> changes = new ArrayList<>();
        List<SkippedWindow> skipped = new ArrayList<>();
        long windows = before.layout().grid().count();
        for (long id = 0; id < windows; id++) {
            WindowResult first = before.kept().get(id);
            WindowResult second = after.kept().get(id);
            if (first != null && second != null) {
                changes.add(WindowChange.of(first, second, error, significance));
                continue;
            }
            PeriodCollector.Skipped a = before.skipped().get(id);
            PeriodCollector.Skipped b = after.skipped().get(id);
            if (a != null || b != null) {
                skipped.add(new SkippedWindow(id, a != null && b != null ? "both" : a != null ? BEFORE : AFTER,
                        a != null ? a : b));
            }
        }
        return new ChangeComparison(model, error, significance, changes, skipped);
    }

    /** Windows by dominant class before (rows) and after (columns), in the card's class order. */
    public int[][] transitions() {
        int classes = model.classes().size();
        int[][] counts = new int[classes][classes];
        for (WindowChange change : changes) {
            counts[change.before().dominantClass()][change.after().dominantClass()]++;
        }
        return counts;
    }
}
