package io.rgbunmix.spark;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.CroppedRaster;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import io.rgbunmix.windows.Window;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one task's window rows on an executor: the raster cropped to those rows' pixels, the engine as
 * `run` runs it, the windows renumbered into the whole raster's grid, written as one GeoParquet part.
 */
final class WindowRowsTask {
    private WindowRowsTask() {
    }

    static RowsResult run(WindowRows rows, RunSettings settings, String partsFolder) throws Exception {
        ModelStore models = ExecutorModels.of(settings);
        CheckedRun run = settings.run();
        Rasters.Opened opened = Rasters.open(rows.path(), run, settings.rasters());
        RasterSource whole = opened.raster();
        try {
            int size = ModelContract.WINDOW;
            int stride = run.asked().stride();
            int width = whole.geometry().width();
            int y0 = rows.firstRow() * stride;
            int height = (rows.rows() - 1) * stride + size;
            RasterSource part = new CroppedRaster(whole, new Rectangle(0, y0, width, height));
            int cols = (width - size) / stride + 1;
            UnmixOptions options = run.options(opened.rescale());
            GeoParquetPart parquet = new GeoParquetPart(Path.of(partsFolder), rows, cols);
            Collector collector = new Collector(rows.firstRow(), cols);
            try (AncillaryLayers ancillary = RunBinder.ancillary(run, settings.sources(), part)) {
                new UnmixEngine(models).run(part, ancillary.source(), options,
                        ResultWriter.all(List.of(collector, parquet.writer())), ProgressListener.NONE, () -> false);
            } catch (InvalidInputException e) {
                // every window of these rows skipped (no data, no ancillary data): rows like any other
                // for the raster, whose summary says whether any window was processed at all
                if (!collector.ids.isEmpty() || collector.skipped.isEmpty()) {
                    throw e;
                }
            }
            parquet.commit();
            return new RowsResult(rows, collector.ids, collector.abundances, collector.skipped);
        } finally {
            opened.close();
        }
    }

    /** Window ids in the whole raster's grid: the task's rows start at {@code firstRow}. */
    static long globalId(Window window, int firstRow, int cols) {
        return (long) (window.row() + firstRow) * cols + window.col();
    }

    /** Keeps what the driver needs for the raster's GeoTIFF and summary. */
    private static final class Collector implements ResultWriter {
        private final int firstRow;
        private final int cols;
        final List<Long> ids = new ArrayList<>();
        final List<float[]> abundances = new ArrayList<>();
        final Map<String, Long> skipped = new LinkedHashMap<>();

        Collector(int firstRow, int cols) {
            this.firstRow = firstRow;
            this.cols = cols;
        }

        @Override
        public void begin(RunLayout layout) {
        }

        @Override
        public void write(WindowResult result) {
            ids.add(globalId(result.window(), firstRow, cols));
            abundances.add(result.abundance().clone());
        }

        @Override
        public void skipped(Window window, SkipReason reason, String detail) {
            skipped.merge(reason.name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
        }

        @Override
        public void finish(RunSummary summary) {
        }
    }
}
