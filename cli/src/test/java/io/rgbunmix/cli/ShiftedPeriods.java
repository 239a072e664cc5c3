package io.rgbunmix.cli;

import io.rgbunmix.inputs.GdalTools;
import java.nio.file.Path;

/**
 * Two small periods of one place for the interfaces' change tests: "before" is the sample scene's first 4 x 4
 * windows, "after" the same grid holding another 4 x 4 block of the mosaic, so most windows change class.
 */
public final class ShiftedPeriods {
    private ShiftedPeriods() {
    }

    /** Windows of the periods: 4 x 4 of 224 pixels. */
    public static final int WINDOWS = 16;

    /** Writes {@code before.tif} and {@code after.tif} into {@code folder}; returns them in that order. */
    public static Path[] make(Path folder) throws Exception {
        Path scene = Path.of("samples/scene.tif").toAbsolutePath();
        Path before = folder.resolve("before.tif");
        Path after = folder.resolve("after.tif");
        GdalTools.run("gdal_translate", "-q", "-srcwin", "0", "0", "896", "896", scene, before);
        // the scene's origin is 440000, 4130000 with 10 m pixels: the block at (896, 896) put on the first one's grid
        GdalTools.run("gdal_translate", "-q", "-srcwin", "896", "896", "896", "896", "-a_ullr", "440000", "4130000",
                "448960", "4121040", scene, after);
        return new Path[] {before, after};
    }
}
