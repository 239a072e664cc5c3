package io.rgbunmix.processes;

import java.util.Locale;

/** Compares mime types as clients send them: case-insensitive, blanks around ';' ignored. */
public final class MimeTypes {
    private MimeTypes() {
    }

    public static String normalise(String mimeType) {
        return mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", "; ").trim();
    }

    public static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }
}
