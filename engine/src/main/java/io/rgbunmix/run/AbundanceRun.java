package io.rgbunmix.run;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.output.GmlResultWriter;
import io.rgbunmix.output.QuicklookPngWriter;
import io.rgbunmix.output.SkippedWindowsCsvWriter;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A run of one (bound, cropped) raster into files, as the command line and the server's jobs both run it: the
 * raster read through its quicklook, so that the picture and the web map draw the windows on the raster's own
 * pixels, the files written as the windows come, and the web map kept for whoever shows it.
 */
public final class AbundanceRun {
    /** The run's summary and its web map (the legend and picture a results page shows). */
    public record Result(RunSummary summary, WebMapWriter webMap) {
    }

    private final UnmixEngine engine;

    public AbundanceRun(UnmixEngine engine) {
        this.engine = engine;
    }

    /**
     * Runs {@code raster} with {@code options}, writing each of {@code files} into {@code folder}; the files are
     * complete (streams closed) when this returns, whatever happened.
     */
    public Result run(RasterSource raster, AncillarySource ancillary, UnmixOptions options, Path folder,
                      List<ResultFile> files, ProgressListener progress, BooleanSupplier cancelled) throws Exception {
        QuicklookRaster picture = new QuicklookRaster(raster, options.rescale(), QuicklookRaster.MAP_SIDE);
        WebMapWriter webMap = new WebMapWriter(picture);
        List<ResultWriter> writers = new ArrayList<>(List.of(webMap));
        List<Closeable> streams = new ArrayList<>();
        try {
            for (ResultFile file : files) {
                writers.add(writer(folder.resolve(file.name()), file.form(), picture, streams));
            }
            RunSummary summary = engine.run(picture, ancillary, options, ResultWriter.all(writers), progress, cancelled);
            return new Result(summary, webMap);
        } finally {
            for (Closeable stream : streams) {
                stream.close();
            }
        }
    }

    private static ResultWriter writer(Path path, ResultFile.Form form, QuicklookRaster picture,
                                       List<Closeable> streams) throws IOException {
        // these two write their file whole at the end; the others stream as the windows come
        if (form == ResultFile.Form.GEOTIFF) {
            return new GeoTiffResultWriter(path);
        }
        if (form == ResultFile.Form.PNG) {
            return new QuicklookPngWriter(path, picture);
        }
        OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path));
        streams.add(stream);
        return switch (form) {
            case GEOJSON -> new GeoJsonResultWriter(stream);
            case GML2 -> new GmlResultWriter(stream, false);
            case GML3 -> new GmlResultWriter(stream, true);
            case CSV -> new CsvResultWriter(stream);
            case SKIPPED_CSV -> new SkippedWindowsCsvWriter(stream);
            default -> throw new IllegalStateException(form.name());
        };
    }
}
