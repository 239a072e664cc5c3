package io.rgbunmix.unmix;

/**
 * A run refused because of what the caller gave, not because of a fault of the service: the
 * message says what is wrong in words, and {@link #input()} names the input at fault (raster,
 * ancillary, bands, rescale, stride, minValidFraction), so that servers answer with a client error.
 */
public class InvalidInputException extends UnmixException {
    private final String input;

    public InvalidInputException(String input, String message) {
        super(message);
        this.input = input;
    }

    public InvalidInputException(String input, String message, Throwable cause) {
        super(message, cause);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
