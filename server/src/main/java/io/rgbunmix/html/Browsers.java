package io.rgbunmix.html;

import java.util.Locale;

/**
 * Tells a person's browser, which gets HTML, from a client, which gets JSON or XML. Java's own
 * default Accept header ({@code text/html, image/gif, image/jpeg, *; q=.2, *}{@code /*; q=.2}) starts
 * with text/html as well, and WPS and OGC API clients built on it must keep their XML and JSON, so a
 * request is a browser's only when it says {@code f=html}, or when its Accept header prefers
 * text/html and also names {@code application/xhtml+xml}, as every browser does.
 */
public final class Browsers {
    private Browsers() {
    }

    /**
     * @param format the {@code f} query parameter, or null
     * @param accept the Accept header, or null
     */
    public static boolean wantsHtml(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return format.trim().equalsIgnoreCase("html");
        }
        if (accept == null) {
            return false;
        }
        double html = -1;
        double best = -1;
        boolean xhtml = false;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim();
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html")) {
                html = Math.max(html, q);
            }
            if (type.equals("application/xhtml+xml") && q > 0) {
                xhtml = true;
            }
            best = Math.max(best, q);
        }
        return xhtml && html > 0 && html >= best;
    }
}
