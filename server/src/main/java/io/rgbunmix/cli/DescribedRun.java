package io.rgbunmix.cli;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.unmix.UnmixOptions;

/**
 * What {@code run} and {@code change} read alike, bound by the one {@link RunBinder} from the options their
 * process description made and the command line's sources; a refusal names the option.
 */
record DescribedRun(CommandLineOptions given, ProcessInputs checked, CommandLineSources sources) {
    /** Something the binder does that may refuse an input. */
    interface Bind<T> {
        T get() throws Exception;
    }

    /** {@code bind}'s result, its refusal in the command line's words. */
    <T> T told(Bind<T> bind) throws Exception {
        return told(given, bind);
    }

    static <T> T told(CommandLineOptions given, Bind<T> bind) throws Exception {
        try {
            return bind.get();
        } catch (InputException e) {
            throw given.refusal(e);
        }
    }

    /** The area of interest of {@code checked}, or null, in the command line's words (before the sources are made). */
    static AreaOfInterest area(CommandLineOptions given, ProcessInputs checked) throws Exception {
        return told(given, () -> RunBinder.area(checked));
    }

    /** The options asked, the stretch still the one asked (null: the raster's own); checked with the masking and the ancillary data's coverage. */
    UnmixOptions options() throws Exception {
        return told(() -> {
            RunBinder.masking(checked);
            RunBinder.checkAncillaryCoverage(checked);
            return RunBinder.options(checked, null);
        });
    }

    /** The raster of an image input and its masks (or none), bound; the caller closes it. */
    RunBinder.BoundRaster raster(String input, String maskInput) throws Exception {
        return told(() -> RunBinder.raster(checked, sources, input, maskInput));
    }

    /** The ancillary data on {@code grid}'s windows; the caller closes them. */
    AncillaryLayers ancillary(RasterSource grid) throws Exception {
        return told(() -> RunBinder.ancillary(checked, sources, grid));
    }
}
