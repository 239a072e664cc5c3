package io.rgbunmix.model;

import java.util.Locale;

/** The two class levels of the SIPNA classification. */
public enum Level {
    N1, N2;

    /** Parses "N1"/"n2" with a message that lists the allowed values. */
    public static Level parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("level must be N1 or N2, got '" + text + "'");
        }
    }
}
