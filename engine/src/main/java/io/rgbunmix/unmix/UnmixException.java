package io.rgbunmix.unmix;

/** A run that cannot be done as asked; the message is meant for the user. */
public class UnmixException extends Exception {
    public UnmixException(String message) {
        super(message);
    }

    public UnmixException(String message, Throwable cause) {
        super(message, cause);
    }
}
