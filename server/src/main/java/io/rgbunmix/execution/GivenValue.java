package io.rgbunmix.execution;

import java.nio.file.Path;

/** A value a client gave for one input, as every protocol carries it, before anything is fetched. */
public sealed interface GivenValue {
    /** A literal's text. */
    record Literal(String text) implements GivenValue {
    }

    /** A STAC API collection searched over the run's area and {@code datetime} (null: not given) for the dates. */
    record Collection(String url, String datetime) implements GivenValue {
    }

    /** A complex value sent in the request, already written into the execution's staging folder. */
    record Inline(String mimeType, Path file) implements GivenValue {
    }

    /**
     * A complex value by reference: fetched under the server's reference rules when the execution stages its
     * inputs, or left on its server where the process reads it in place.
     *
     * @param method        GET or POST
     * @param body          the body of a POST, or null
     * @param bodyReference where a POST's body is to be fetched from first, or null
     */
    record Reference(String href, String mimeType, String method, String body, String bodyReference)
            implements GivenValue {
        /** A plain GET of {@code href}. */
        public static Reference get(String href, String mimeType) {
            return new Reference(href, mimeType, "GET", null, null);
        }

        boolean isPost() {
            return "POST".equalsIgnoreCase(method);
        }
    }
}
