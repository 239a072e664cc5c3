package io.rgbunmix.process;

import io.rgbunmix.config.Settings;
import io.rgbunmix.inputs.AncillaryLayers;
import io.rgbunmix.inputs.AreaOfInterest;
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
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
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
        RunInputs.checkAncillaryCoverage(inputs);
        AreaOfInterest area = RunInputs.area(inputs);
        Scenes.MaskChoice choice = RunInputs.maskChoice(inputs);
        try (Scenes scenes = given.scenes(inputs, "raster", "mask")) {
            return run(inputs, outputs, context, scenes.raster(choice, RunInputs.options(inputs, null).rescale()), area);
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, RunInputs.locator(e, "raster"), e.getMessage());
        }
    }

    /** The run on the raster the scenes make, writing the outputs asked; returns their file names. */
    private List<String> run(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context, OpenedRaster opened,
                             AreaOfInterest area) throws Exception {
        List<String> files = new ArrayList<>();
        List<ResultWriter> writers = new ArrayList<>();
        List<Closeable> streams = new ArrayList<>();
        try (AncillaryLayers ancillary = given.ancillary(inputs, area == null ? opened.source() : area.crop(opened.source()))) {
            UnmixOptions options = RunInputs.options(inputs, opened.rescale());
            // read through a quicklook: the results page maps the windows over the raster's own picture
            QuicklookRaster raster = new QuicklookRaster(area == null ? opened.source() : area.crop(opened.source()),
                    options.rescale(), RunInputs.QUICKLOOK_SIDE);
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
            new UnmixEngine(models).run(raster, ancillary.source(), options, ResultWriter.all(writers), context::progress,
                    context::isCancelled);
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
