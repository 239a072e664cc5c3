package io.rgbunmix.processes;

import java.util.Locale;

/**
 * The one rule that names a command-line option after a process input: words split at capitals and
 * underscores, joined by hyphens, in lower case. {@code minValidFraction} is {@code --min-valid-fraction},
 * {@code temp_aveRaster} is {@code --temp-ave-raster}.
 */
public final class OptionNames {
    private OptionNames() {
    }

    public static String flag(String inputName) {
        String words = inputName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-');
        return "--" + words.toLowerCase(Locale.ROOT);
    }
}
