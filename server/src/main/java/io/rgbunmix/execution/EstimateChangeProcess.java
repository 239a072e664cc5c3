package io.rgbunmix.execution;

import io.rgbunmix.binding.BoundChange;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.ChangeWriters;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixEngine;
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
public final class EstimateChangeProcess implements Process<CheckedRun> {
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
    public CheckedRun check(ProcessInputs inputs) throws InputException {
        CheckedRun run = CheckedRun.of(inputs);
        given.check(run, ChangeComparison.BEFORE, null);
        given.checkDates(inputs, ChangeComparison.AFTER, null);
        given.checkSize(run, ChangeComparison.AFTER);
        BoundChange.checkModelError(models, run.asked().level());
        return run;
    }

    @Override
    public List<String> execute(CheckedRun run, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        ChangeComparison comparison;
        try (BoundChange change = BoundChange.bind(run, given.sources(run.inputs()))) {
            // the "before" period is read through a quicklook: the results page maps the change over its picture
            QuicklookRaster picture = new QuicklookRaster(change.before().raster(), change.before().options().rescale(),
                    QuicklookRaster.MAP_SIDE);
            WebMapWriter webMap = new WebMapWriter(picture, WebMapWriter.Kind.CHANGE);
            comparison = change.compare(new UnmixEngine(models), picture, webMap, context::progress,
                    context::isCancelled);
            webMap.writeTo(context.directory());
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
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
