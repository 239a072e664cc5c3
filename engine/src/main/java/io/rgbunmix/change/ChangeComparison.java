package io.rgbunmix.change;

import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.geo.SphericalArea;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.WindowResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Two periods' runs on one grid, window by window: a window is compared only when both periods kept it; a
 * window either skipped is reported with the period and the reason.
 *
 * @param layout       the "before" run's layout: the model both periods ran, the grid and the raster's geometry
 * @param error        its error per class, which weighs each difference
 * @param significance k of the rule |difference| > k * sqrt(2) * error
 * @param changes      the windows kept in both, in the grid's order
 * @param skipped      the windows skipped by either period, in the grid's order
 */
public record ChangeComparison(RunLayout layout, ModelError error, double significance, List<WindowChange> changes,
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
        return new ChangeComparison(before.layout(), error, significance, changes, skipped);
    }

    /** The model both periods ran. */
    public ModelCard model() {
        return layout.model();
    }

    /** Windows by dominant class before (rows) and after (columns), in the card's class order. */
    public int[][] transitions() {
        int classes = model().classes().size();
        int[][] counts = new int[classes][classes];
        for (WindowChange change : changes) {
            counts[change.before().dominantClass()][change.after().dominantClass()]++;
        }
        return counts;
    }

    /**
     * Square kilometres by dominant class before (rows) and after (columns): each window counts for its cell of
     * stride x stride pixels (the pixel change.tif gives it), so overlapping or spaced windows are not counted
     * twice or short.
     */
    public double[][] transitionAreas() {
        int classes = model().classes().size();
        double[][] areas = new double[classes][classes];
        Reprojection toLonLat = new Reprojection(layout.raster().crs(), Crs.LON_LAT);
        double cell = Math.pow((double) layout.grid().stride() / layout.grid().size(), 2);
        for (WindowChange change : changes) {
            double km2 = SphericalArea.squareKilometres(toLonLat.apply(change.before().footprint())) * cell;
            areas[change.before().dominantClass()][change.after().dominantClass()] += km2;
        }
        return areas;
    }
}
