package io.rgbunmix.ancillary;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JSON parser's complaint in words for the client: what and where, without the parser's internals. */
public final class JsonErrors {
    /** The limit in Jackson's message: "... exceeds the maximum allowed (1000, from `StreamReadConstraints...`)". */
    private static final Pattern LIMIT = Pattern.compile("\\(([\\d,]+), from `StreamReadConstraints\\.(\\w+)\\(\\)`\\)");

    private JsonErrors() {
    }

    /** Jackson's words for a document over one of its limits, which name its configuration methods. */
    private static String overLimit(String message) {
        Matcher limit = LIMIT.matcher(message);
        if (!limit.find()) {
            return "the JSON is over one of the parser's limits (nesting, string, number or name length)";
        }
        String most = limit.group(1);
        return switch (limit.group(2)) {
            case "getMaxNestingDepth" -> "the JSON nests objects and arrays more than " + most + " levels deep";
            case "getMaxStringLength" -> "a JSON string is longer than the " + most + " characters accepted";
            case "getMaxNumberLength" -> "a JSON number has more than the " + most + " digits accepted";
            case "getMaxNameLength" -> "a JSON member name is longer than the " + most + " characters accepted";
            default -> "the JSON is larger than the " + most + " accepted";
        };
    }

    /** E.g. "Unexpected end-of-input: expected close marker for Array at line 1, column 41". */
    public static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof StreamConstraintsException) {
            message = overLimit(message);
        }
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
