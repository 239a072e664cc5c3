package io.rgbunmix.geoserver;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.BoundChange;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.binding.ZippedWindows;
import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.processes.Box;
import io.rgbunmix.processes.Echo;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.GeoServerParameters;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.UnmixEngine;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.commons.io.file.PathUtils;
import org.geoserver.wps.WPSException;
import org.geoserver.wps.process.RawData;
import org.geoserver.wps.process.StringRawData;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.process.Process;
import org.geotools.process.ProcessException;
import org.geotools.referencing.CRS;

/**
 * One rgbunmix process run by GeoServer: its inputs checked against the description as every front end checks
 * them (a refusal is an ExceptionReport located at the input), bound by the one {@link RunBinder} over
 * GeoServer's coverages and features, run by the engine with GeoServer's progress and Dismiss, and its results
 * handed back as GeoTools features, coverages and raw data.
 */
final class UnmixProcess implements Process {
    private final ProcessDescription description;
    private final UnmixModels models;

    UnmixProcess(ProcessDescription description, UnmixModels models) {
        this.description = description;
        this.models = models;
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> input, org.geotools.api.util.ProgressListener monitor) {
        org.geotools.api.util.ProgressListener listener = monitor != null ? monitor
                : new org.geotools.data.util.NullProgressListener();
        Thread runner = Thread.currentThread();
        // GeoServer's Dismiss cancels the listener; its executor may interrupt the thread instead
        BooleanSupplier cancelled = () -> listener.isCanceled() || runner.isInterrupted();
        ProgressListener progress = (done, total) -> listener.progress(total == 0 ? 100f : 100f * done / total);
        listener.started();
        try {
            ProcessInputs checked = ProcessInputs.validate(description, GeoServerParameters.given(description,
                    boxesAsText(input)));
            Map<String, Object> outputs = switch (description.id()) {
                case "estimate-abundances" -> abundances(checked, new GeoServerSources(input), progress, cancelled);
                case "estimate-change" -> change(checked, new GeoServerSources(input), progress, cancelled);
                case "estimate-abundances-batch" -> batch(checked, (RawData) input.get(ZippedWindows.INPUT), progress);
                case "echo" -> echo(checked, (RawData) input.get("document"), progress, cancelled);
                default -> throw new IllegalStateException("no GeoServer run for " + description.id());
            };
            listener.complete();
            return outputs;
        } catch (InputException e) {
            throw new WPSException(e.getMessage(), e.code(), e.locator());
        } catch (InvalidInputException e) {
            throw new WPSException(e.getMessage(), InputException.INVALID, e.input());
        } catch (CancellationException | InterruptedException e) {
            throw new ProcessException(description.wpsIdentifier() + " was dismissed", e);
        } catch (ModelException e) {
            throw new ProcessException(e.getMessage() + " (models are read from " + models.folder() + ")", e);
        } catch (ProcessException | WPSException e) {
            throw e;
        } catch (Exception e) {
            throw new ProcessException(description.wpsIdentifier() + " failed: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> abundances(ProcessInputs inputs, GeoServerSources sources, ProgressListener progress,
                                           BooleanSupplier cancelled) throws Exception {
        CheckedRun run = CheckedRun.of(inputs);
        try (RunBinder.BoundRaster bound = RunBinder.raster(run, sources, "raster", "mask");
             AncillaryLayers ancillary = RunBinder.ancillary(run, sources, bound.raster())) {
            GeoToolsResults results = new GeoToolsResults(crs(bound.raster(), "raster"));
            new UnmixEngine(models.store()).run(bound.raster(), ancillary.source(), bound.options(), results, progress,
                    cancelled);
            Map<String, Object> outputs = new LinkedHashMap<>();
            outputs.put("result", results.features());
            outputs.put("abundanceRaster", results.coverage());
            return outputs;
        } catch (RasterException e) {
            throw new InputException(InputException.INVALID, RunBinder.locator(e, "raster"), e.getMessage());
        }
    }

    private Map<String, Object> change(ProcessInputs inputs, GeoServerSources sources, ProgressListener progress,
                                       BooleanSupplier cancelled) throws Exception {
        CheckedRun run = CheckedRun.of(inputs);
        BoundChange.checkModelError(models.store(), run.asked().level());
        ChangeComparison comparison;
        try (BoundChange change = BoundChange.bind(run, sources)) {
            comparison = change.compare(new UnmixEngine(models.store()), change.before().raster(), null, progress,
                    cancelled);
        }
        CoordinateReferenceSystem crs = GeoToolsCrs.toGeoTools(comparison.layout().raster().crs());
        return Map.of("change", GeoToolsResults.features(comparison, crs),
                "changeRaster", GeoToolsResults.coverage(comparison, crs));
    }

    /** The zip as the standalone server takes it, unpacked in a folder of its own; the CSV comes back as text/csv. */
    private Map<String, Object> batch(ProcessInputs inputs, RawData zip, ProgressListener progress) throws Exception {
        Path work = Files.createTempDirectory("rgbunmix-batch");
        try {
            Path file = work.resolve("images.zip");
            try (InputStream in = zip.getInputStream()) {
                Files.copy(in, file);
            }
            ZippedWindows windows = ZippedWindows.DEFAULT;
            windows.check(file);
            Path csv = windows.run(models.store(), file, Level.parse(inputs.text("level").orElseThrow()), work,
                    progress);
            return Map.of("result", new StringRawData(Files.readString(csv, StandardCharsets.UTF_8), "text/csv"));
        } finally {
            PathUtils.deleteDirectory(work);
        }
    }

    /**
     * The diagnostic echo: the message and its length, after a pause that reports progress and can be dismissed, and
     * the document as given (empty text without one).
     */
    private static Map<String, Object> echo(ProcessInputs inputs, RawData document, ProgressListener progress,
                                            BooleanSupplier cancelled) throws Exception {
        String message = inputs.text("message").orElse("");
        String content = "";
        String mimeType = Format.TEXT.mimeType();
        if (document != null) {
            byte[] bytes;
            try (InputStream in = document.getInputStream()) {
                bytes = in.readAllBytes();
            }
            mimeType = document.getMimeType() == null ? mimeType : document.getMimeType();
            Echo.checkDocument(mimeType, new ByteArrayInputStream(bytes));
            content = new String(bytes, StandardCharsets.UTF_8);
        }
        Echo.pause(inputs.number("pause"), progress, cancelled);
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("echo", message);
        outputs.put("length", Echo.length(message));
        outputs.put("echoedDocument", new StringRawData(content, mimeType));
        return outputs;
    }

    /** GeoServer's envelopes (its BoundingBoxData) as the descriptions' box text; every other value as it is. */
    static Map<String, Object> boxesAsText(Map<String, Object> input) {
        Map<String, Object> converted = new LinkedHashMap<>(input);
        converted.replaceAll((name, value) -> value instanceof ReferencedEnvelope envelope ? new Box(
                new double[] {envelope.getMinX(), envelope.getMinY()}, new double[] {envelope.getMaxX(),
                        envelope.getMaxY()}, envelope.getCoordinateReferenceSystem() == null ? null
                        : CRS.toSRS(envelope.getCoordinateReferenceSystem())).text() : value);
        return converted;
    }

    /** The CRS of the results: the raster's, east/north. */
    private static CoordinateReferenceSystem crs(RasterSource raster, String input) throws InputException {
        return RunBinder.parse(input, () -> GeoToolsCrs.toGeoTools(raster.geometry().crs()));
    }
}
