package io.rgbunmix.process;

import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.ChangeRun;
import io.rgbunmix.change.ModelError;
import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.ClientFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.ChangeWriters;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Issue 24: two periods' abundances on the "before" grid and each window's change, as {@code rgbunmix change}
 * makes it. The job keeps the "before" picture and legend, so its results page maps the change.
 */
public final class EstimateChangeProcess implements Process {
    private final ModelStore models;
    private final RunInputs given;

    public EstimateChangeProcess(ModelStore models, Settings.Limits limits, RasterInputs rasters) {
        this.models = models;
        this.given = new RunInputs(limits, rasters);
    }

    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ESTIMATE_CHANGE;
    }

    /** Both periods' scenes are opened (headers only) and held to the limits, and the model must state its error. */
    @Override
    public void check(ProcessInputs inputs) throws InputException {
        UnmixOptions options = given.check(inputs, ChangeComparison.BEFORE, null);
        given.checkDates(inputs, ChangeComparison.AFTER, null);
        given.checkSize(inputs, options, ChangeComparison.AFTER);
        checkModelError(options.level());
    }

    /** A change is weighed by the error the model's card states: a model without one is refused before any run. */
    private void checkModelError(Level level) throws InputException {
        try {
            ModelError.of(models.forLevel(level).card());
        } catch (ModelException | IllegalArgumentException e) {
            throw new InputException(InputException.INVALID, "level", "no change can be estimated at level " + level
                    + " on this server: " + e.getMessage());
        }
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        ClientFiles sources = given.sources(inputs);
        ChangeComparison comparison;
        String side = ChangeComparison.BEFORE;
        try (RunBinder.BoundRaster before = RunBinder.raster(inputs, sources, ChangeComparison.BEFORE, null);
             Scenes second = RunBinder.scenes(inputs, sources, ChangeComparison.AFTER, null)) {
            side = ChangeComparison.AFTER;
            OpenedRaster two = second.raster(RunBinder.masking(inputs), RunBinder.options(inputs, null).rescale());
            RasterSource warped = ChangeRun.onto(two.source(), before.raster().geometry());
            // the "before" period is read through a quicklook: the results page maps the change over its picture
            QuicklookRaster picture = new QuicklookRaster(before.raster(), before.options().rescale(),
                    RunInputs.QUICKLOOK_SIDE);
            WebMapWriter webMap = new WebMapWriter(picture, WebMapWriter.Kind.CHANGE);
            try (AncillaryLayers ancillary = RunBinder.ancillary(inputs, sources, before.raster())) {
                comparison = new ChangeRun(new UnmixEngine(models)).compare(
                        new ChangeRun.Period(picture, before.options(), webMap),
                        new ChangeRun.Period(warped, RunBinder.options(inputs, two.rescale()), null),
                        ancillary.source(), inputs.number("significance"), context::progress, context::isCancelled);
            }
            webMap.writeTo(context.directory());
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, RunBinder.locator(e, side), e.getMessage());
        }
        return write(comparison, outputs, context.directory());
    }

    private static List<String> write(ChangeComparison comparison, List<OutputRequest> outputs, Path folder)
            throws Exception {
        List<String> files = new ArrayList<>();
        for (OutputRequest output : outputs) {
            String file = Process.fileName(output);
            Path path = folder.resolve(file);
            files.add(file);
            if (output.name().equals("changeRaster")) {
                ChangeWriters.geoTiff(comparison, path);
                continue;
            }
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path))) {
                if (output.mimeType().startsWith("text/csv")) {
                    ChangeWriters.csv(comparison, stream);
                } else {
                    ChangeWriters.geoJson(comparison, stream);
                }
            }
        }
        return files;
    }

    /** A GeoTIFF on another server is read in parts, as for a run. */
    @Override
    public boolean readsInPlace(String input, String mimeType) {
        return (input.equals(ChangeComparison.BEFORE) || input.equals(ChangeComparison.AFTER))
                && RunInputs.isGeoTiff(mimeType);
    }
}
