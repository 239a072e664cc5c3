package io.rgbunmix.fetch;

/** A reference that may not, or could not, be fetched; the message is for the client. */
public class ReferenceRefusedException extends Exception {
    public ReferenceRefusedException(String message) {
        super(message);
    }
}
