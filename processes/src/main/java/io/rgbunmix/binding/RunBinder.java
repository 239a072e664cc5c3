package io.rgbunmix.binding;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.FeatureCollection;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.quality.Scenes;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.InvalidInputException;
import io.rgbunmix.unmix.UnmixOptions;
import java.util.List;
import java.util.Optional;

/**
 * The one way from a run's checked inputs ({@link CheckedRun}) to what the engine runs, for every front end: the
 * scenes, masked and cut to the area, and the ancillary data, opened through the front end's {@link RunSources}.
 * Each refusal is an {@link InputException} naming the input; a front end words it its own way (an
 * option, an ExceptionReport's locator, a problem's title).
 */
public final class RunBinder {
    private RunBinder() {
    }

    /**
     * A run's raster, bound: the scenes it owns, the raster they make, cut to the area of interest, and the options
     * with the stretch of the raster's kind unless one was asked. Closing it closes the scenes.
     */
    public record BoundRaster(Scenes scenes, OpenedRaster opened, RasterSource raster, UnmixOptions options)
            implements AutoCloseable {
        @Override
        public void close() throws Exception {
            scenes.close();
        }
    }

    /**
     * The scenes of {@code rasterInput}, with the masks of {@code maskInput} (null for none), made into the raster to
     * run on, cut to the area; the caller closes it.
     */
    public static BoundRaster raster(CheckedRun run, RunSources sources, String rasterInput, String maskInput)
            throws Exception {
        Scenes scenes = scenes(run, sources, rasterInput, maskInput);
        try {
            OpenedRaster opened = scenes.raster(run.masking(), run.asked().rescale());
            return new BoundRaster(scenes, opened, run.crop(opened.source()), run.options(opened.rescale()));
        } catch (Exception e) {
            throw closing(scenes, e, rasterInput);
        }
    }

    /** The dates of {@code rasterInput} and the masks of {@code maskInput} (none when null), opened; the caller closes them. */
    public static Scenes scenes(CheckedRun run, RunSources sources, String rasterInput, String maskInput)
            throws Exception {
        List<String> bandNames = run.bands().names();
        Scenes scenes = new Scenes();
        try {
            sources.dates(rasterInput, bandNames).forEach(scenes::add);
            if (maskInput != null) {
                for (OpenedRaster mask : sources.rasters(maskInput)) {
                    scenes.addMask(mask.source());
                }
            }
            return scenes;
        } catch (Exception e) {
            throw closing(scenes, e, rasterInput);
        }
    }

    /** {@code failure} once the scenes opened so far are closed; a raster's refusal located at its input. */
    private static Exception closing(Scenes scenes, Exception failure, String rasterInput) throws Exception {
        scenes.close();
        return failure instanceof RasterException e
                ? new InputException(InputException.INVALID, locator(e, rasterInput), e.getMessage()) : failure;
    }

    /** The ancillary inputs as the engine's source on the windows of {@code grid}, with their rasters opened. */
    public static AncillaryLayers ancillary(CheckedRun run, RunSources sources, RasterSource grid)
            throws Exception {
        ProcessInputs inputs = run.inputs();
        List<String> variables = ModelContract.ANCILLARY.stream().filter(name -> inputs.has(name + "Raster")).toList();
        Optional<FeatureCollection> features = sources.features("ancillary");
        AncillarySource joined = features.isEmpty() ? null : parse("ancillary",
                () -> new FeatureJoin(features.get().features(), features.get().crs(), grid.geometry().crs()));
        return new AncillaryLayers(sources, inputs.text("ancillaryValues").orElse(null), inputs.has("dem"), variables,
                joined, grid.geometry().crs());
    }

    /** The input a raster's refusal is about: a mask's, or the rasters'. */
    public static String locator(RasterException e, String rasterInput) {
        return String.valueOf(e.getMessage()).startsWith("mask") ? "mask" : rasterInput;
    }

    /** Something that reads a client's value and may refuse it. */
    public interface Parse<T> {
        T get() throws Exception;
    }

    /** Turns a refused value into an InputException located at the input. */
    public static <T> T parse(String input, Parse<T> parse) throws InputException {
        try {
            return parse.get();
        } catch (InputException e) {
            throw e;
        } catch (InvalidInputException e) {
            throw new InputException(InputException.INVALID, e.input(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputException(InputException.INVALID, input, e.getMessage());
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            throw new InputException(InputException.INVALID, input, message.startsWith(input + ":") ? message
                    : input + ": " + message);
        }
    }
}
