package io.rgbunmix.ancillary;

import io.rgbunmix.model.ModelContract;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The seven ancillary values of one window, in the model's order (see {@link ModelContract#ANCILLARY}),
 * and where each came from ("value", "features", "dem", "raster"), which the outputs record; an empty
 * list of sources when they are not known.
 */
public record AncillaryValues(double[] values, List<String> sources) {
    public AncillaryValues {
        if (values.length != ModelContract.ANCILLARY.size()) {
            throw new IllegalArgumentException("expected " + ModelContract.ANCILLARY.size()
                    + " ancillary values, got " + values.length);
        }
        if (!sources.isEmpty() && sources.size() != values.length) {
            throw new IllegalArgumentException("expected a source per ancillary value, got " + sources.size());
        }
        values = values.clone();
        sources = List.copyOf(sources);
    }

    public AncillaryValues(double[] values) {
        this(values, List.of());
    }

    /** The same values, all from {@code source}. */
    public AncillaryValues from(String source) {
        return new AncillaryValues(values, java.util.Collections.nCopies(values.length, source));
    }

    /** "elevation=dem;slope=dem;..." for the outputs, or "" when the sources are not known. */
    public String describeSources() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            text.append(i == 0 ? "" : ";").append(ModelContract.ANCILLARY.get(i)).append('=').append(sources.get(i));
        }
        return text.toString();
    }

    public double get(int index) {
        return values[index];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * Parses {@code name=value,...} with all seven names, in any order, case-insensitive.
     * Example: {@code evapotranspiration=894,precipitation=376,elevation=519,slope=6.1,
     * temp_ave=16.6,temp_max=23.7,temp_min=10.1}.
     */
    public static AncillaryValues parse(String text) {
        return fromAttributes(parsePairs(text), "ancillaryValues");
    }

    /**
     * Parses {@code name=value,...} naming any of the seven, for values that take precedence over
     * rasters and features; returns them by model index.
     */
    public static Map<Integer, Double> parseSome(String text) {
        Map<Integer, Double> some = new java.util.TreeMap<>();
        parsePairs(text).forEach((name, value) -> {
            int index = ModelContract.ANCILLARY.indexOf(name.toLowerCase(Locale.ROOT));
            some.put(index, number(value, "ancillaryValues", ModelContract.ANCILLARY.get(index)));
        });
        return some;
    }

    private static Map<String, String> parsePairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new IllegalArgumentException("ancillary values must be name=value pairs separated by commas, "
                        + "got '" + pair.trim() + "'");
            }
            String name = kv[0].trim();
            if (!ModelContract.ANCILLARY.contains(name.toLowerCase(Locale.ROOT))) {
                // features may carry other attributes, but here every name is meant for the model: a typo must not pass
                throw new IllegalArgumentException("unknown ancillary variable '" + name + "' in ancillaryValues; the "
                        + "seven are " + String.join(", ", ModelContract.ANCILLARY));
            }
            pairs.put(name, kv[1].trim());
        }
        return pairs;
    }

    /**
     * Picks the seven values out of named attributes (names case-insensitive); {@code source}
     * names the feature or row in error messages.
     */
    public static AncillaryValues fromAttributes(Map<String, ?> attributes, String source) {
        Map<String, Object> byName = new LinkedHashMap<>();
        attributes.forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        double[] values = new double[ModelContract.ANCILLARY.size()];
        for (int i = 0; i < values.length; i++) {
            String name = ModelContract.ANCILLARY.get(i);
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException(source + ": missing ancillary attribute '" + name
                        + "' (needs " + String.join(", ", ModelContract.ANCILLARY) + ")");
            }
            values[i] = number(byName.get(name), source, name);
        }
        return new AncillaryValues(values);
    }

    private static double number(Object value, String source, String name) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else {
            try {
                number = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + ": attribute '" + name + "' is not a number: '"
                        + value + "'");
            }
        }
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException(source + ": attribute '" + name + "' is not finite: " + value);
        }
        return number;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AncillaryValues a && Arrays.equals(values, a.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "AncillaryValues" + Arrays.toString(values) + (sources.isEmpty() ? "" : " from " + sources);
    }
}
