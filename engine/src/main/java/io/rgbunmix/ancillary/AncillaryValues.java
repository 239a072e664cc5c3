package io.rgbunmix.ancillary;

import io.rgbunmix.model.ModelContract;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The seven ancillary values of one window, in the model's order (see {@link ModelContract#ANCILLARY}). */
public record AncillaryValues(double[] values) {
    public AncillaryValues {
        if (values.length != ModelContract.ANCILLARY.size()) {
            throw new IllegalArgumentException("expected " + ModelContract.ANCILLARY.size()
                    + " ancillary values, got " + values.length);
        }
        values = values.clone();
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
        return fromAttributes(pairs, "ancillaryValues");
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
        return "AncillaryValues" + Arrays.toString(values);
    }
}
