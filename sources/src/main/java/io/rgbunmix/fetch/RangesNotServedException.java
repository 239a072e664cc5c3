package io.rgbunmix.fetch;

import java.io.IOException;

/** A server sent a whole file where a part was asked: the file can only be downloaded whole. */
public final class RangesNotServedException extends IOException {
    RangesNotServedException(String message) {
        super(message);
    }
}
