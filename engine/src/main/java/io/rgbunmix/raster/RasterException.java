package io.rgbunmix.raster;

/** A raster that cannot be read or does not suit the model; the message says why. */
public class RasterException extends Exception {
    public RasterException(String message) {
        super(message);
    }

    public RasterException(String message, Throwable cause) {
        super(message, cause);
    }
}
