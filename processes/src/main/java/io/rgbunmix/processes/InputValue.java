package io.rgbunmix.processes;

import java.nio.file.Path;

/** A value a client gave for an input, already decoded by the interface that received it. */
public sealed interface InputValue permits InputValue.Literal, InputValue.Complex {
    /** A literal, as text. */
    record Literal(String text) implements InputValue {
    }

    /**
     * A complex value: its mime type and the file its bytes were stored in, or, for a reference the
     * process reads in place ({@link Process#readsInPlace}), the URL it is read from (and no file), or, for a
     * collection input, the collection searched when the job runs (and neither).
     */
    record Complex(String mimeType, Path file, String href, Collection collection) implements InputValue {
        public Complex(String mimeType, Path file, String href) {
            this(mimeType, file, href, null);
        }

        public Complex(String mimeType, Path file) {
            this(mimeType, file, null, null);
        }

        /** A reference left on its server, to be read in parts when the job runs. */
        public static Complex inPlace(String mimeType, String href) {
            return new Complex(mimeType, null, href);
        }

        /** The items a STAC API collection holds over the run's area and {@code collection}'s period, as dates. */
        public static Complex of(Collection collection) {
            return new Complex(Collection.MEDIA_TYPE, null, null, collection);
        }

        public boolean isInPlace() {
            return href != null;
        }
    }

    /**
     * A STAC API collection given for an image input (OGC API - Processes Part 3, collection input): its URL
     * ({@code <API>/collections/<id>}) and the period searched ({@code 2024-05-01/2024-09-30}), or null.
     */
    record Collection(String url, String datetime) {
        /** What a collection is, for the formats a raster input takes: STAC's JSON. */
        public static final String MEDIA_TYPE = Format.STAC_ITEM.mimeType();
    }
}
