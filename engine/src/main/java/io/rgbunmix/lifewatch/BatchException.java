package io.rgbunmix.lifewatch;

/** An input of the image-folder workflow that fails one of its checks; the message says which. */
public class BatchException extends Exception {
    public BatchException(String message) {
        super(message);
    }
}
