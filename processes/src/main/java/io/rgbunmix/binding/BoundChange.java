package io.rgbunmix.binding;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.ChangeRun;
import io.rgbunmix.change.ModelError;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.util.function.BooleanSupplier;

/**
 * A change's inputs bound, as every front end runs a change: the "before" scenes made into the raster of the
 * change's grid (cut to the area), the "after" scenes made into theirs and warped onto that grid, and the
 * ancillary data on its windows. Closing it closes them all.
 */
public final class BoundChange implements AutoCloseable {
    private final CheckedRun run;
    private final RunBinder.BoundRaster before;
    private final Scenes afterScenes;
    private final OpenedRaster after;
    private final RasterSource warped;
    private final AncillaryLayers ancillary;

    private BoundChange(CheckedRun run, RunBinder.BoundRaster before, Scenes afterScenes, OpenedRaster after,
                        RasterSource warped, AncillaryLayers ancillary) {
        this.run = run;
        this.before = before;
        this.afterScenes = afterScenes;
        this.after = after;
        this.warped = warped;
        this.ancillary = ancillary;
    }

    /**
     * A change is weighed by the error the model's card states: a model without one is refused, with the locator
     * {@code level}, before any scene is opened.
     */
    public static void checkModelError(ModelStore models, Level level) throws InputException {
        try {
            ModelError.of(models.forLevel(level).card());
        } catch (ModelException | IllegalArgumentException e) {
            throw new InputException(InputException.INVALID, "level", "no change can be estimated at level " + level
                    + ": " + e.getMessage());
        }
    }

    /** Both periods' scenes opened and put on one grid, and the ancillary data on its windows; the caller closes it. */
    public static BoundChange bind(CheckedRun run, RunSources sources) throws Exception {
        RunBinder.BoundRaster before = RunBinder.raster(run, sources, ChangeComparison.BEFORE, null);
        Scenes afterScenes = null;
        AncillaryLayers ancillary = null;
        try {
            afterScenes = RunBinder.scenes(run, sources, ChangeComparison.AFTER, null);
            OpenedRaster after;
            try {
                after = afterScenes.raster(run.masking(), run.asked().rescale());
            } catch (RasterException e) {
                throw new InputException(InputException.INVALID, RunBinder.locator(e, ChangeComparison.AFTER),
                        e.getMessage());
            }
            RasterSource warped = RunBinder.parse(ChangeComparison.AFTER,
                    () -> ChangeRun.onto(after.source(), before.raster().geometry()));
            ancillary = RunBinder.ancillary(run, sources, before.raster());
            return new BoundChange(run, before, afterScenes, after, warped, ancillary);
        } catch (Exception e) {
            if (ancillary != null) {
                ancillary.close();
            }
            if (afterScenes != null) {
                afterScenes.close();
            }
            before.close();
            throw e;
        }
    }

    /** The "before" period, bound: the change's grid. */
    public RunBinder.BoundRaster before() {
        return before;
    }

    /** The "after" scenes as they were read, before the warp. */
    public OpenedRaster after() {
        return after;
    }

    /**
     * Runs both periods and compares them. {@code beforeRead} is the "before" raster or a view of it on the same
     * grid (a quicklook a front end draws), {@code alongside} a writer that also sees the "before" period's
     * results, or null.
     */
    public ChangeComparison compare(UnmixEngine engine, RasterSource beforeRead, ResultWriter alongside,
                                    ProgressListener progress, BooleanSupplier cancelled) throws Exception {
        UnmixOptions afterOptions = run.options(after.rescale());
        return new ChangeRun(engine).compare(new ChangeRun.Period(beforeRead, before.options(), alongside),
                new ChangeRun.Period(warped, afterOptions, null), ancillary.source(), run.inputs().number("significance"),
                progress, cancelled);
    }

    @Override
    public void close() throws Exception {
        ancillary.close();
        afterScenes.close();
        before.close();
    }
}
