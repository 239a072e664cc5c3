package io.rgbunmix.process;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.ClientFiles;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.output.GmlResultWriter;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** SPEC section 4: abundances for every window of an RGB image, as features and as a raster. */
public final class EstimateAbundancesProcess implements Process {
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
    public void check(ProcessInputs inputs) throws InputException {
        given.check(inputs, "raster", "mask");
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        ClientFiles sources = given.sources(inputs);
        try (RunBinder.BoundRaster bound = RunBinder.raster(inputs, sources, "raster", "mask");
             AncillaryLayers ancillary = RunBinder.ancillary(inputs, sources, bound.raster())) {
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
        List<String> files = new ArrayList<>();
        List<ResultWriter> writers = new ArrayList<>();
        List<Closeable> streams = new ArrayList<>();
        try {
            // read through a quicklook: the results page maps the windows over the raster's own picture
            QuicklookRaster raster = new QuicklookRaster(bound.raster(), bound.options().rescale(),
                    QuicklookRaster.MAP_SIDE);
            WebMapWriter webMap = new WebMapWriter(raster);
            writers.add(webMap);
            for (OutputRequest output : outputs) {
                String file = Process.fileName(output);
                Path path = context.directory().resolve(file);
                files.add(file);
                if (output.name().equals("abundanceRaster")) {
                    writers.add(new GeoTiffResultWriter(path));
                } else {
                    OutputStream stream = new BufferedOutputStream(Files.newOutputStream(path));
                    streams.add(stream);
                    writers.add(output.mimeType().startsWith("text/csv") ? new CsvResultWriter(stream)
                            : output.mimeType().startsWith("text/xml")
                            ? new GmlResultWriter(stream, output.mimeType().endsWith("wfs-collection/1.1"))
                            : new GeoJsonResultWriter(stream));
                }
            }
            new UnmixEngine(models).run(raster, ancillary.source(), bound.options(), ResultWriter.all(writers),
                    context::progress, context::isCancelled);
            webMap.writeTo(context.directory());
        } finally {
            for (Closeable stream : streams) {
                stream.close();
            }
        }
        return files;
    }

    /** A GeoTIFF on another server is read in parts, as a COG: only the tiles of the windows run. */
    @Override
    public boolean readsInPlace(String input, String mimeType) {
        return input.equals("raster") && RunInputs.isGeoTiff(mimeType);
    }
}
