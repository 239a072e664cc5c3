package io.rgbunmix.model;

import java.util.List;

/** The tensor contract every model honours (SPEC section 3). */
public final class ModelContract {
    /** Side of the square window, in pixels. */
    public static final int WINDOW = 224;
    /** Colour channels of the image input (RGB). */
    public static final int CHANNELS = 3;
    /** Floats in one window of the image input: 224 x 224 x 3, NHWC. */
    public static final int WINDOW_FLOATS = WINDOW * WINDOW * CHANNELS;
    /** The ancillary variables, in the order the model takes them. */
    public static final List<String> ANCILLARY = List.of(
            "evapotranspiration", "precipitation", "elevation", "slope",
            "temp_ave", "temp_max", "temp_min");
    /** Ground sample distance the models were trained for, in metres. */
    public static final double GROUND_SAMPLE_DISTANCE = 10.0;

    private ModelContract() {
    }
}
