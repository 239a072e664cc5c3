package io.rgbunmix.model;

/** A model that cannot be used: missing file, bad card, checksum or shape mismatch. */
public class ModelException extends Exception {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
