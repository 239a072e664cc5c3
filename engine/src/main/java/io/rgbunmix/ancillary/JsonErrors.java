package io.rgbunmix.ancillary;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** A JSON parser's complaint in words for the client: what and where, without the parser's internals. */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** E.g. "Unexpected end-of-input: expected close marker for Array at line 1, column 41". */
    public static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        // Jackson appends where its input came from ("[Source: REDACTED ...]"), a class-level detail.
        for (String tail : new String[] {" (start marker at [Source", "\n at [Source", " at [Source"}) {
            int cut = message.indexOf(tail);
            if (cut >= 0) {
                message = message.substring(0, cut);
            }
        }
        JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? message
                : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
