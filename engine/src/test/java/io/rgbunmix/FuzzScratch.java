package io.rgbunmix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A scratch folder for fuzz tests that stage what they parse, one per test class. */
public final class FuzzScratch {
    private FuzzScratch() {
    }

    public static Path folder() {
        try {
            return Files.createTempDirectory("rgbunmix-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
