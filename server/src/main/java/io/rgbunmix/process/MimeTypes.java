package io.rgbunmix.process;

import java.util.Locale;

/** Compares mime types as clients send them: case-insensitive, blanks around ';' ignored. */
final class MimeTypes {
    private MimeTypes() {
    }

    static String normalise(String mimeType) {
        return mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT).replaceAll("\\s*;\\s*", "; ").trim();
    }

    static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }
}
