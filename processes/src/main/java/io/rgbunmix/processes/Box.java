package io.rgbunmix.processes;

import java.util.Arrays;
import java.util.Locale;

/**
 * A bounding box's value: its lower and upper corners (two or three dimensions) and its CRS, or null where the
 * value names none. Its text is WPS 1.0.0's KVP form, {@code minx,miny,maxx,maxy[,crs]} (six numbers for three
 * dimensions), which every protocol's encoding is read into.
 */
public record Box(double[] lower, double[] upper, String crs) {
    public Box {
        if (lower.length != upper.length || (lower.length != 2 && lower.length != 3)) {
            throw new IllegalArgumentException("a box has 2 or 3 dimensions, the same for both corners");
        }
        lower = lower.clone();
        upper = upper.clone();
    }

    /**
     * Reads {@link #text()}'s form.
     *
     * @throws IllegalArgumentException in words, for text that is not 4 or 6 finite numbers (and a CRS), or whose
     *                                  lower corner is above its upper corner
     */
    public static Box parse(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        int numbers = 0;
        while (numbers < parts.length && isNumber(parts[numbers])) {
            numbers++;
        }
        if ((numbers != 4 && numbers != 6) || parts.length > numbers + 1) {
            throw new IllegalArgumentException("a bounding box is 'minx,miny,maxx,maxy' (or six numbers for three "
                    + "dimensions) and optionally a CRS, got '" + text.trim() + "'");
        }
        int dimensions = numbers / 2;
        double[] lower = new double[dimensions];
        double[] upper = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            lower[i] = Double.parseDouble(parts[i]);
            upper[i] = Double.parseDouble(parts[dimensions + i]);
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("a bounding box's minimum is at most its maximum, got "
                        + parts[i] + " > " + parts[dimensions + i]);
            }
        }
        String crs = parts.length > numbers && !parts[numbers].isBlank() ? parts[numbers] : null;
        return new Box(lower, upper, crs);
    }

    private static boolean isNumber(String part) {
        try {
            return Double.isFinite(Double.parseDouble(part));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public int dimensions() {
        return lower.length;
    }

    /** {@code minx,miny,maxx,maxy[,crs]}, numbers as Java writes doubles' shortest form. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (double value : lower) {
            text.append(number(value)).append(',');
        }
        for (double value : upper) {
            text.append(number(value)).append(',');
        }
        return crs == null ? text.substring(0, text.length() - 1) : text.append(crs).toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Box box && Arrays.equals(lower, box.lower) && Arrays.equals(upper, box.upper)
                && java.util.Objects.equals(crs, box.crs);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(lower) + Arrays.hashCode(upper)) + java.util.Objects.hashCode(crs);
    }

    @Override
    public String toString() {
        return text();
    }
}
