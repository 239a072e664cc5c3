package io.rgbunmix.execution;

import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.ClientFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.MimeTypes;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.windows.WindowGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this server asks of a run's inputs beyond their description, before a job is accepted: its limits on
 * dates, ancillary bytes and raster size. Everything else (options, scenes, ancillary data) is bound by the
 * one {@link RunBinder}, over the clients' files ({@link ClientFiles}).
 */
final class RunInputs {
    private final Settings.Limits limits;
    private final RasterInputs rasters;

    RunInputs(Settings.Limits limits, RasterInputs rasters) {
        this.limits = limits;
        this.rasters = rasters;
    }

    /** The clients' files of one execution, as the binder's sources. */
    ClientFiles sources(ProcessInputs inputs) {
        return new ClientFiles(inputs, rasters, limits.maxDates());
    }

    /**
     * What a run's inputs must be on this server, beyond their description and their options ({@link CheckedRun}),
     * checked before a job is accepted: the dates of {@code rasterInput} and their masks ({@code maskInput}, or null
     * for none), the ancillary data's size, and the raster's.
     */
    void check(CheckedRun run, String rasterInput, String maskInput) throws InputException {
        checkDates(run.inputs(), rasterInput, maskInput);
        checkAncillarySize(run.inputs());
        checkSize(run, rasterInput);
    }

    /** Each date is read a strip at a time beside the others: their number is capped. */
    void checkDates(ProcessInputs inputs, String rasterInput, String maskInput) throws InputException {
        int dates = inputs.complexes(rasterInput).size();
        if (dates > limits.maxDates()) {
            throw new InputException(InputException.INVALID, rasterInput, dates + " rasters; this server composites at "
                    + "most " + limits.maxDates() + " dates (limits.maxDates)");
        }
        int masks = maskInput == null ? 0 : inputs.complexes(maskInput).size();
        if (masks > 0 && masks != dates) {
            throw new InputException(InputException.INVALID, maskInput, masks + " mask(s) for " + dates + " raster(s); "
                    + "give one mask per raster, in the same order, or none (products' own masks are found by themselves)");
        }
    }

    /** Feature collections are parsed whole, so their size is capped before they are read. */
    void checkAncillarySize(ProcessInputs inputs) throws InputException {
        Optional<InputValue.Complex> features = inputs.complex("ancillary");
        long bytes = features.isEmpty() || features.get().file() == null ? 0 : size(features.get().file());
        if (bytes > limits.maxAncillaryBytes()) {
            throw new InputException(InputException.INVALID, "ancillary", "the ancillary features are " + bytes
                    + " bytes; this server reads at most " + limits.maxAncillaryBytes() + " (simplify the polygons, "
                    + "or give the variables as rasters or values)");
        }
    }

    private static long size(Path file) throws InputException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputException(InputException.INVALID, "ancillary", "the ancillary features cannot be read");
        }
    }

    /** The raster's size (or its area's) against the limits, from its header alone. */
    void checkSize(CheckedRun run, String rasterInput) throws InputException {
        UnmixOptions options = run.asked();
        RasterGeometry geometry = RunBinder.parse(rasterInput, () -> {
            try (Scenes scenes = RunBinder.scenes(run, sources(run.inputs()), rasterInput, null)) {
                OpenedRaster raster = scenes.raster(run.masking(), options.rescale());
                return run.crop(raster.source()).geometry();
            } catch (RasterException e) {
                throw new InputException(InputException.INVALID, RunBinder.locator(e, rasterInput), e.getMessage());
            }
        });
        long pixels = (long) geometry.width() * geometry.height();
        if (pixels > limits.maxRasterPixels()) {
            throw new InputException(InputException.INVALID, rasterInput, "the raster has " + pixels
                    + " pixels (" + geometry.width() + " x " + geometry.height() + "); this server accepts at most "
                    + limits.maxRasterPixels());
        }
        long windows = new WindowGrid(geometry.width(), geometry.height(), ModelContract.WINDOW, options.stride()).count();
        if (windows > limits.maxWindows()) {
            throw new InputException(InputException.INVALID, "stride", "this raster with stride " + options.stride()
                    + " gives " + windows + " windows; this server accepts at most " + limits.maxWindows()
                    + " (use a larger stride or a smaller raster)");
        }
    }

    /** Whether a reference's declared type (none counts) is a GeoTIFF, which can be read in parts as a COG. */
    static boolean isGeoTiff(String mimeType) {
        return mimeType == null || MimeTypes.same(mimeType, Format.GEOTIFF.mimeType());
    }
}
