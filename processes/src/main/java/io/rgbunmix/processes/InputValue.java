package io.rgbunmix.processes;

import java.nio.file.Path;

/** A value a client gave for an input, already decoded by the interface that received it. */
public sealed interface InputValue permits InputValue.Literal, InputValue.Complex {
    /** A literal, as text. */
    record Literal(String text) implements InputValue {
    }

    /**
     * A complex value: its mime type and the file its bytes were stored in, or, for a reference the
     * process reads in place ({@link Process#readsInPlace}), the URL it is read from (and no file).
     */
    record Complex(String mimeType, Path file, String href) implements InputValue {
        public Complex(String mimeType, Path file) {
            this(mimeType, file, null);
        }

        /** A reference left on its server, to be read in parts when the job runs. */
        public static Complex inPlace(String mimeType, String href) {
            return new Complex(mimeType, null, href);
        }

        public boolean isInPlace() {
            return href != null;
        }
    }
}
