package io.rgbunmix.unmix;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.model.OnnxModel;
import io.rgbunmix.model.Prediction;
import io.rgbunmix.windows.PixelPreparation;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.RgbStrip;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.windows.Window;
import io.rgbunmix.windows.WindowGrid;
import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Polygon;

/**
 * Runs a model over every window of a raster. Each of the store's inferring threads fills a batch, reading the
 * raster one strip of window rows at a time ({@link Preparation}, one batch after another, in turn), then runs it
 * through the shared session; the calling thread hands results to the writer in window order. While one thread reads,
 * the others infer, so reading overlaps inference with no thread besides them: on a machine whose cores all infer,
 * a separate reading thread would take its time from them, and the windows it prepared would reach the model from
 * another core's cache. Memory is bounded by a strip plus a few batches whatever the raster's size.
 */
public final class UnmixEngine {
    /** Allowed departure of the pixel size from the model's 10 m (SPEC section 4). */
    private static final double PIXEL_SIZE_TOLERANCE = 0.25;

    private final ModelStore models;

    public UnmixEngine(ModelStore models) {
        this.models = models;
    }

    /**
     * Runs over the raster. Checks everything it can before heavy work starts; then streams
     * results to {@code writer}, reports progress after each batch and stops with a
     * {@link CancellationException} between batches once {@code cancelled} answers true.
     *
     * @throws UnmixException when the input does not suit the model or no window could be processed
     */
    public RunSummary run(RasterSource raster, AncillarySource ancillary, UnmixOptions options,
                          ResultWriter writer, ProgressListener progress, BooleanSupplier cancelled)
            throws UnmixException, IOException {
        OnnxModel model;
        try {
            model = models.forLevel(options.level());
        } catch (ModelException e) {
            throw new UnmixException(e.getMessage(), e);
        }
        WindowGrid grid = plan(raster, options);
        RunLayout layout = new RunLayout(model.card(), grid, raster.geometry(), raster.mask(), raster.dates());
        writer.begin(layout);

        // more batches than inferring threads: a thread that ends a batch starts the next at once, while the calling
        // thread writes the results of the ones before
        Deque<Batch> free = new ArrayDeque<>();
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < models.settings().batchesInFlight(); i++) {
            batches.add(new Batch(models.imageBuffer()));
        }
        free.addAll(batches);
        Preparation preparation = new Preparation(raster, ancillary, options, grid);
        Reprojection toLonLat = new Reprojection(raster.geometry().crs(), Crs.LON_LAT);
        Map<SkipReason, Long> skipped = RunSummary.none();
        long processed = 0;
        long done = 0;
        // Batches handed to the inferring threads, oldest first: they are prepared, and written, in this order.
        Deque<InFlight> inFlight = new ArrayDeque<>();
        ExecutorService inference = models.inference();
        long tickets = 0;
        boolean ended = false;
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + done + " of " + grid.count() + " windows");
                }
                while (!ended && !free.isEmpty()) {
                    Batch batch = free.removeFirst();
                    long ticket = tickets++;
                    inFlight.add(new InFlight(batch, inference.submit(() -> {
                        if (!preparation.fill(ticket, batch) || batch.size() == 0) {
                            return null;
                        }
                        return timed(model, batch, options.level());
                    })));
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                InFlight oldest = inFlight.removeFirst();
                Batch batch = oldest.batch();
                Prediction prediction = oldest.prediction().get();
                if (batch.walked == 0) {
                    ended = true;   // the grid's end: batches handed out after it stay empty
                }
                for (int i = 0; i < batch.skippedWindows.size(); i++) {
                    writer.skipped(batch.skippedWindows.get(i), batch.skipReasons.get(i), batch.skipDetails.get(i));
                }
                for (int i = 0; i < batch.size(); i++) {
                    writer.write(result(raster, toLonLat, batch, i, prediction));
                }
                processed += batch.size();
                batch.skipped.forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
                done += batch.walked;
                boolean walked = batch.walked > 0;
                free.add(batch.reset());
                if (walked) {
                    progress.progress(done, grid.count());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } finally {
            // after a failure or a cancellation: batches not yet prepared are never prepared nor run, and the caller
            // may close the raster once this returns, so a thread still reading it is waited for
            preparation.stop();
            awaitAll(inFlight);
            batches.forEach(batch -> models.giveBack(batch.images));
        }
        RunSummary summary = new RunSummary(grid.count(), processed, skipped);
        if (processed == 0) {
            // Every window was skipped: for want of ancillary data, or of valid pixels.
            boolean noAncillary = skipped.getOrDefault(SkipReason.NO_ANCILLARY, 0L) > 0;
            throw new InvalidInputException(noAncillary ? "ancillary" : "raster",
                    "no window could be processed: " + summary.describe());
        }
        writer.finish(summary);
        return summary;
    }

    /** One batch through the model, told to the store's listener with its time. */
    private Prediction timed(OnnxModel model, Batch batch, Level level) throws ModelException {
        long start = System.nanoTime();
        Prediction prediction = model.predict(batch.imageView(), batch.ancillaryView(), batch.size());
        models.listener().batch(level, batch.size(), System.nanoTime() - start);
        return prediction;
    }

    /** A batch given to an inferring thread, and its prediction to come. */
    private record InFlight(Batch batch, Future<Prediction> prediction) {
    }

    /** Every check that needs no pixel: bands, sample type, pixel size, grid size. */
    private static WindowGrid plan(RasterSource raster, UnmixOptions options) throws UnmixException {
        String name = raster.name();
        for (int band : options.bands()) {
            if (band > raster.bandCount()) {
                throw new InvalidInputException("bands", name + ": band " + band + " asked for, but the raster has "
                        + raster.bandCount() + " band(s)");
            }
        }
        if (!raster.isEightBit() && options.rescale() == null) {
            throw new InvalidInputException("rescale", name + ": samples are " + raster.sampleType() + "; the model takes 8-bit RGB, "
                    + "so give a rescale 'min,max' (e.g. 0,3000 for Sentinel-2 L2A reflectance x 10000)");
        }
        RasterGeometry geometry = raster.geometry();
        try {
            geometry.checkPixelSize(ModelContract.GROUND_SAMPLE_DISTANCE, PIXEL_SIZE_TOLERANCE);
        } catch (RasterException e) {
            throw new InvalidInputException("raster", name + ": " + e.getMessage(), e);
        }
        WindowGrid grid = new WindowGrid(geometry.width(), geometry.height(), ModelContract.WINDOW, options.stride());
        if (grid.count() == 0) {
            throw new InvalidInputException("raster", name + ": the raster is " + geometry.width() + " x " + geometry.height()
                    + " pixels, smaller than one " + ModelContract.WINDOW + " x " + ModelContract.WINDOW + " window");
        }
        return grid;
    }

    /**
     * Strips -> windows -> filled batches, in grid order, for the inferring threads: each fills the batch of its
     * ticket once the batches of the tickets before it are filled, so the raster is read by one thread at a time,
     * strip after strip, and batch n holds the windows after batch n - 1's.
     */
    private static final class Preparation {
        private final RasterSource raster;
        private final AncillarySource ancillary;
        private final UnmixOptions options;
        private final WindowGrid grid;
        private final int[] zeroBased;
        private final PixelPreparation pixels;
        private final boolean composite;
        private final String maskWords;
        private final float[] scratch = new float[ModelContract.WINDOW_FLOATS];   // one window, before its bulk copy
        private long turn;
        private boolean stopped;
        /** The next window to prepare, and the strip of its row once read. */
        private int row;
        private int col;
        private Strip strip;
        private Optional<RgbStrip> bytes = Optional.empty();

        Preparation(RasterSource raster, AncillarySource ancillary, UnmixOptions options, WindowGrid grid) {
            this.raster = raster;
            this.ancillary = ancillary;
            this.options = options;
            this.grid = grid;
            int[] bands = options.bands();
            this.zeroBased = new int[] {bands[0] - 1, bands[1] - 1, bands[2] - 1};
            this.pixels = new PixelPreparation(options.rescale(), new double[] {raster.noData(zeroBased[0]),
                    raster.noData(zeroBased[1]), raster.noData(zeroBased[2])});
            this.composite = !raster.dates().isEmpty();
            this.maskWords = raster.mask() == null ? "masked" : raster.mask().words();
        }

        /**
         * Fills {@code batch} with the next windows once every earlier ticket's batch is filled; false once stopped
         * (the batch is left empty). A batch that walks no window marks the grid's end.
         */
        synchronized boolean fill(long ticket, Batch batch) throws InterruptedException, RasterException {
            while (turn != ticket && !stopped) {
                wait();
            }
            try {
                if (stopped) {
                    return false;
                }
                fill(batch);
                return true;
            } catch (RasterException | RuntimeException e) {
                stopped = true;   // a strip that cannot be read ends the run: no later batch reads on
                throw e;
            } finally {
                turn++;
                notifyAll();
            }
        }

        synchronized void stop() {
            stopped = true;
            notifyAll();
        }

        private void fill(Batch batch) throws RasterException {
            RasterGeometry geometry = raster.geometry();
            while (row < grid.rows() && !batch.isFull()) {
                if (col == 0) {
                    // 8-bit pixels as bytes where the source decodes them itself, else as floats
                    int y = row * grid.stride();
                    bytes = options.rescale() == null ? raster.readRgbRows(y, grid.size(), zeroBased)
                            : Optional.empty();
                    strip = bytes.isPresent() ? null : raster.readRows(y, grid.size(), zeroBased);
                }
                Window window = grid.window(row, col);
                if (++col == grid.cols()) {
                    col = 0;
                    row++;
                }
                batch.walked++;
                int mark = batch.images.position();
                PixelPreparation.WindowPixels seen = bytes.isPresent()
                        ? pixels.fill(bytes.get(), window.x(), batch.images, scratch)
                        : pixels.fill(strip, window.x(), batch.images, scratch);
                Optional<Skip> skip = skip(seen, options, composite, maskWords);
                if (skip.isPresent()) {
                    batch.images.position(mark);
                    batch.skip(window, skip.get().reason(), skip.get().detail());
                    continue;
                }
                Polygon footprint = geometry.footprint(window.x(), window.y(), grid.size(), grid.size());
                Optional<AncillaryValues> values = ancillary.valuesFor(footprint);
                if (values.isEmpty()) {
                    batch.images.position(mark);
                    batch.skip(window, SkipReason.NO_ANCILLARY, SkipReason.NO_ANCILLARY.description());
                    continue;
                }
                batch.add(window, footprint, values.get(), seen.maskedFraction(), seen.dates());
            }
            if (row == grid.rows()) {
                strip = null;
                bytes = Optional.empty();
            }
        }
    }

    /** Why a window is left out before inference, and what its pixels were, in words. */
    private record Skip(SkipReason reason, String detail) {
    }

    /**
     * Whether a window's pixels keep it from the model: a composite's window that no date gave a pixel, too
     * little data (minValidFraction), or too much masked (maxMaskedFraction), in that order.
     */
    private static Optional<Skip> skip(PixelPreparation.WindowPixels seen, UnmixOptions options, boolean composite,
                                       String maskWords) {
        if (composite && seen.dates() == 0) {
            return Optional.of(new Skip(SkipReason.NO_VALID_DATE, SkipReason.NO_VALID_DATE.description()));
        }
        if (seen.dataFraction() < options.minValidFraction()) {
            return Optional.of(new Skip(SkipReason.NODATA,
                    String.format(Locale.ROOT, "no data %.0f %%", 100 * (1 - seen.dataFraction()))));
        }
        if (seen.maskedFraction() > options.maxMaskedFraction()) {
            return Optional.of(new Skip(SkipReason.MASKED,
                    String.format(Locale.ROOT, "%s %.0f %%", maskWords, 100 * seen.maskedFraction())));
        }
        return Optional.empty();
    }

    /** Waits for every batch handed out to end, whatever its end: none reads the raster after this. */
    private static void awaitAll(Deque<InFlight> inFlight) {
        boolean interrupted = false;
        for (InFlight left : inFlight) {
            while (true) {
                try {
                    left.prediction().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;   // the run already failed or was cancelled: this batch's own failure adds nothing
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static WindowResult result(RasterSource raster, Reprojection toLonLat, Batch batch, int i,
                                       Prediction prediction) {
        Window window = batch.windows.get(i);
        double half = ModelContract.WINDOW / 2.0;
        Point2D centre = raster.geometry().toCrs(window.x() + half, window.y() + half);
        double[] lonLat = toLonLat.apply(centre.getX(), centre.getY());
        List<String> dates = new ArrayList<>();
        long bits = batch.dates.get(i);
        for (int d = 0; d < raster.dates().size(); d++) {
            if ((bits & (1L << d)) != 0) {
                dates.add(raster.dates().get(d));
            }
        }
        return new WindowResult(window, batch.footprints.get(i), lonLat[0], lonLat[1], prediction.abundance()[i],
                prediction.presence()[i], batch.values.get(i), batch.maskedFractions.get(i), dates);
    }

    /**
     * What stopped a batch: unreadable pixels or unusable ancillary data are the input's, anything else (the model)
     * the run's.
     */
    private static UnmixException failure(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof RasterException) {
            return new InvalidInputException("raster", message, cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new InvalidInputException("ancillary", message, cause);
        }
        return new UnmixException(message, cause);
    }
}
