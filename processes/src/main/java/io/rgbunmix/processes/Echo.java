package io.rgbunmix.processes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.unmix.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The diagnostic echo's work, the same on every server: a pause that reports progress and can be dismissed, and the
 * rules of its mixed-type document (text, or a GeoJSON object).
 */
public final class Echo {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The values of GeoJSON's "type" (RFC 7946, 1.4). */
    private static final Set<String> GEOJSON_TYPES = Set.of("Feature", "FeatureCollection", "GeometryCollection",
            "LineString", "MultiLineString", "MultiPoint", "MultiPolygon", "Point", "Polygon");

    private Echo() {
    }

    /** Whether a document's media type is text rather than GeoJSON. */
    public static boolean isText(String mimeType) {
        return MimeTypes.same(mimeType, Format.TEXT.mimeType());
    }

    /** A document given as JSON must be a GeoJSON object. */
    public static void checkDocument(String mimeType, InputStream content) throws InputException, IOException {
        if (isText(mimeType)) {
            return;
        }
        JsonNode node;
        try {
            node = JSON.readTree(content);
        } catch (JsonProcessingException e) {
            throw new InputException(InputException.INVALID, "document", "input 'document' is not JSON: "
                    + e.getOriginalMessage());
        }
        String type = node == null ? "" : node.path("type").asText("");
        if (!GEOJSON_TYPES.contains(type)) {
            throw new InputException(InputException.INVALID, "document", "input 'document' given as JSON must be a "
                    + "GeoJSON object, whose \"type\" is one of " + String.join(", ", GEOJSON_TYPES.stream().sorted()
                    .toList()) + "; got " + (type.isEmpty() ? "none" : "'" + type + "'"));
        }
    }

    /** What output 'echoedDocument' holds without a document: empty text, or as GeoJSON an empty collection. */
    public static final String NO_DOCUMENT_AS_GEOJSON = "{\"type\": \"FeatureCollection\", \"features\": []}";

    /**
     * The output 'echoedDocument' is the document as given, as text or, when the document is GeoJSON, as GeoJSON; a
     * text document cannot be GeoJSON.
     *
     * @param given the document's media type, or null when none was given
     */
    public static void checkDocumentOutput(String given, String asked) throws InputException {
        if (!isText(asked) && given != null && isText(given)) {
            throw new InputException(InputException.INVALID, "echoedDocument", "input 'document' is text; ask for "
                    + "output 'echoedDocument' as text/plain");
        }
    }

    /** Waits {@code seconds} in steps of about 0.1 s, reporting each; a dismissal ends it with a CancellationException. */
    public static void pause(double seconds, ProgressListener progress, BooleanSupplier cancelled)
            throws InterruptedException {
        long pauseMillis = (long) (seconds * 1000);
        long steps = Math.max(1, pauseMillis / 100);
        for (long step = 1; pauseMillis > 0 && step <= steps; step++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("dismissed");
            }
            Thread.sleep(pauseMillis / steps);
            progress.progress(step, steps);
        }
    }

    /** The message's length in characters (code points, so an emoji counts once). */
    public static int length(String message) {
        return message.codePointCount(0, message.length());
    }
}
