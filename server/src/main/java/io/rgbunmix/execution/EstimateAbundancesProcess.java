package io.rgbunmix.execution;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.ClientFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.run.AbundanceRun;
import io.rgbunmix.run.ResultFile;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixEngine;
import java.util.ArrayList;
import java.util.List;

/** SPEC section 4: abundances for every window of an RGB image, as features and as a raster. */
public final class EstimateAbundancesProcess implements Process<CheckedRun> {
    private final ModelStore models;
    private final RunInputs given;

    public EstimateAbundancesProcess(ModelStore models, Settings.Limits limits, RasterInputs rasters) {
        this.models = models;
        this.given = new RunInputs(limits, rasters);
    }

    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ESTIMATE_ABUNDANCES;
    }

    @Override
    public CheckedRun check(ProcessInputs inputs) throws InputException {
        CheckedRun run = CheckedRun.of(inputs);
        given.check(run, "raster", "mask");
        return run;
    }

    @Override
    public List<String> execute(CheckedRun run, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        ClientFiles sources = given.sources(run.inputs());
        try (RunBinder.BoundRaster bound = RunBinder.raster(run, sources, "raster", "mask");
             AncillaryLayers ancillary = RunBinder.ancillary(run, sources, bound.raster())) {
            return run(bound, ancillary, outputs, context);
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, RunBinder.locator(e, "raster"), e.getMessage());
        }
    }

    /** The run on the bound raster, writing the outputs asked; returns their file names. */
    private List<String> run(RunBinder.BoundRaster bound, AncillaryLayers ancillary, List<OutputRequest> outputs,
                             JobContext context) throws Exception {
        List<ResultFile> files = new ArrayList<>();
        for (OutputRequest output : outputs) {
            files.add(new ResultFile(Process.fileName(output), form(output)));
        }
        AbundanceRun.Result result = new AbundanceRun(new UnmixEngine(models)).run(bound.raster(), ancillary.source(),
                bound.options(), context.directory(), files, context::progress, context::isCancelled);
        result.webMap().writeTo(context.directory());
        return files.stream().map(ResultFile::name).toList();
    }

    /** The engine's form of an output in the format its request chose. */
    private static ResultFile.Form form(OutputRequest output) {
        String mimeType = output.mimeType();
        if (output.name().equals("abundanceRaster")) {
            return ResultFile.Form.GEOTIFF;
        }
        return mimeType.startsWith("text/csv") ? ResultFile.Form.CSV
                : mimeType.startsWith("text/xml")
                ? mimeType.endsWith("wfs-collection/1.1") ? ResultFile.Form.GML3 : ResultFile.Form.GML2
                : ResultFile.Form.GEOJSON;
    }

    /** A GeoTIFF on another server is read in parts, as a COG: only the tiles of the windows run. */
    @Override
    public boolean readsInPlace(String input, String mimeType) {
        return input.equals("raster") && RunInputs.isGeoTiff(mimeType);
    }
}
