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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.locationtech.jts.geom.Polygon;

/**
 * Runs a model over every window of a raster. A preparing thread reads the raster one strip of
 * window rows at a time and fills batches; the store's inferring threads run several batches at
 * once through the shared session; the calling thread hands results to the writer in window order,
 * whatever order the batches finish in. Reading overlaps inference, and memory is bounded by a strip
 * plus a few batches whatever the raster's size.
 */
public final class UnmixEngine {
    /** Batches in circulation besides those in inference: one being filled, one waiting. */
    private static final int BATCHES_PREPARING = 2;
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

        int inferring = models.settings().inferringThreads();
        int batches = inferring + BATCHES_PREPARING;
        BlockingQueue<Batch> free = new ArrayBlockingQueue<>(batches);
        BlockingQueue<Batch> ready = new ArrayBlockingQueue<>(batches + 1);
        for (int i = 0; i < batches; i++) {
            free.add(new Batch(models.settings().batchSize()));
        }
        Thread preparer = new Thread(() -> prepare(raster, ancillary, options, grid, free, ready),
                "rgbunmix-prepare-" + raster.name());
        preparer.setDaemon(true);
        preparer.start();

        Reprojection toLonLat = new Reprojection(raster.geometry().crs(), Crs.LON_LAT);
        Map<SkipReason, Long> skipped = RunSummary.none();
        long processed = 0;
        long done = 0;
        // Batches handed to the inferring threads, oldest first: results are written in this order.
        Deque<InFlight> inFlight = new ArrayDeque<>();
        ExecutorService inference = models.inference();
        boolean ended = false;
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + done + " of " + grid.count() + " windows");
                }
                // keep every inferring thread busy, then write the oldest batch once it is done
                while (!ended && inFlight.size() < inferring) {
                    Batch batch = ready.take();
                    if (batch.last) {
                        if (batch.failure != null) {
                            throw failure(batch.failure);
                        }
                        ended = true;
                    } else {
                        inFlight.add(new InFlight(batch, batch.size() == 0 ? CompletableFuture.completedFuture(null)
                                : inference.submit(() -> timed(model, batch, options.level()))));
                    }
                }
                if (inFlight.isEmpty()) {
                    break;
                }
                InFlight oldest = inFlight.removeFirst();
                Batch batch = oldest.batch();
                Prediction prediction = oldest.prediction().get();
                for (int i = 0; i < batch.skippedWindows.size(); i++) {
                    writer.skipped(batch.skippedWindows.get(i), batch.skipReasons.get(i), batch.skipDetails.get(i));
                }
                for (int i = 0; i < batch.size(); i++) {
                    writer.write(result(raster, toLonLat, batch, i, prediction));
                }
                processed += batch.size();
                batch.skipped.forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
                done += batch.walked;
                free.put(batch.reset());
                progress.progress(done, grid.count());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            throw new UnmixException(e.getCause().getMessage(), e.getCause());
        } finally {
            // after a failure or a cancellation: batches not yet started never run; one already in
            // inference ends on its own, and its result is dropped
            for (InFlight left : inFlight) {
                left.prediction().cancel(false);
            }
            stop(preparer);
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

    /** The preparing thread: strips -> windows -> filled batches, in grid order. */
    private static void prepare(RasterSource raster, AncillarySource ancillary, UnmixOptions options, WindowGrid grid,
                                BlockingQueue<Batch> free, BlockingQueue<Batch> ready) {
        int[] bands = options.bands();
        int[] zeroBased = {bands[0] - 1, bands[1] - 1, bands[2] - 1};
        PixelPreparation pixels = new PixelPreparation(options.rescale(),
                new double[] {raster.noData(zeroBased[0]), raster.noData(zeroBased[1]), raster.noData(zeroBased[2])});
        RasterGeometry geometry = raster.geometry();
        boolean composite = !raster.dates().isEmpty();
        String maskWords = raster.mask() == null ? "masked" : raster.mask().words();
        float[] scratch = new float[ModelContract.WINDOW_FLOATS];   // one window, built here before its bulk copy
        try {
            Batch batch = free.take();
            for (int row = 0; row < grid.rows(); row++) {
                // 8-bit pixels as bytes where the source decodes them itself, else as floats
                Optional<RgbStrip> bytes = options.rescale() == null
                        ? raster.readRgbRows(row * grid.stride(), grid.size(), zeroBased) : Optional.empty();
                Strip strip = bytes.isPresent() ? null : raster.readRows(row * grid.stride(), grid.size(), zeroBased);
                for (int col = 0; col < grid.cols(); col++) {
                    Window window = grid.window(row, col);
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
                    if (batch.isFull()) {
                        ready.put(batch);
                        batch = free.take();
                    }
                }
            }
            if (batch.walked > 0) {
                ready.put(batch);
            }
            ready.put(Batch.end(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // Whatever stops preparation must reach the inferring thread, or it would wait forever;
            // the queue always has room for this marker (see BATCHES_IN_FLIGHT).
            ready.offer(Batch.end(e));
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

    /** Stops the preparing thread and waits for it, so the caller may close the raster safely. */
    private static void stop(Thread preparer) {
        preparer.interrupt();
        boolean interrupted = false;
        while (preparer.isAlive()) {
            try {
                preparer.join();
            } catch (InterruptedException e) {
                interrupted = true;
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

    /** What stopped the preparing thread: unreadable pixels or unusable ancillary data are the input's. */
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
