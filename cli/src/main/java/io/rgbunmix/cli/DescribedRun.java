package io.rgbunmix.cli;

import io.rgbunmix.binding.AncillaryLayers;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.binding.RunBinder;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.raster.RasterSource;

/**
 * What {@code run} and {@code change} read alike, bound by the one {@link RunBinder} from the options their
 * process description made and the command line's sources; a refusal names the option.
 */
record DescribedRun(CommandLineOptions given, CheckedRun run, CommandLineSources sources) {
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

    /**
     * The options of {@code checked} read once, with the masking, the area and the ancillary data's coverage, in
     * the command line's words: before anything is opened, as the servers check them.
     */
    static CheckedRun check(CommandLineOptions given, ProcessInputs checked) throws Exception {
        return told(given, () -> CheckedRun.of(checked));
    }

    /** The raster of an image input and its masks (or none), bound; the caller closes it. */
    RunBinder.BoundRaster raster(String input, String maskInput) throws Exception {
        return told(() -> RunBinder.raster(run, sources, input, maskInput));
    }

    /** The ancillary data on {@code grid}'s windows; the caller closes them. */
    AncillaryLayers ancillary(RasterSource grid) throws Exception {
        return told(() -> RunBinder.ancillary(run, sources, grid));
    }
}
