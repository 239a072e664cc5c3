package io.rgbunmix.change;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.ResampledRaster;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Both periods through one engine on one grid, one after the other, then compared: what every interface
 * runs for a change. Each period streams its raster as a run does; only a record per window is kept.
 */
public final class ChangeRun {
    /**
     * One period: its raster (already on the change's grid), the run's options with its own stretch, and a
     * writer that also sees its results (e.g. a picture for a web map), or {@code null}.
     */
    public record Period(RasterSource raster, UnmixOptions options, ResultWriter alongside) {
    }

    private final UnmixEngine engine;

    public ChangeRun(UnmixEngine engine) {
        this.engine = engine;
    }

    /**
     * The "after" raster on the "before" grid: as it is when the grids agree, else warped by nearest
     * neighbour; refused when the periods do not overlap.
     */
    public static RasterSource onto(RasterSource after, RasterGeometry grid) throws RasterException, InvalidInputException {
        if (after.geometry().equals(grid)) {
            return after;
        }
        ResampledRaster warped = new ResampledRaster(after, grid);
        if (warped.coverage() == 0) {
            throw new InvalidInputException(ChangeComparison.AFTER, "the periods do not overlap: the 'after' scenes ("
                    + after.name() + ") do not meet the 'before' grid");
        }
        return warped;
    }

    /**
     * Runs both periods with the same ancillary data; progress counts the windows of both, so it reaches its
     * total once, at the end of the second.
     */
    public ChangeComparison compare(Period before, Period after, AncillarySource ancillary, double significance,
                                    ProgressListener progress, BooleanSupplier cancelled) throws Exception {
        if (!before.raster().geometry().equals(after.raster().geometry())) {
            throw new IllegalArgumentException("the 'after' raster must be on the 'before' grid: warp it with onto()");
        }
        PeriodCollector first = run(before, ancillary, (done, total) -> progress.progress(done, 2 * total), cancelled);
        PeriodCollector second = run(after, ancillary, (done, total) -> progress.progress(total + done, 2 * total),
                cancelled);
        return ChangeComparison.of(first, second, significance);
    }

    private PeriodCollector run(Period period, AncillarySource ancillary, ProgressListener progress,
                                BooleanSupplier cancelled) throws Exception {
        PeriodCollector collector = new PeriodCollector();
        ResultWriter writer = period.alongside() == null ? collector
                : ResultWriter.all(List.of(collector, period.alongside()));
        engine.run(period.raster(), ancillary, period.options(), writer, progress, cancelled);
        return collector;
    }
}
