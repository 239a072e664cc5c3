package io.rgbunmix.raster;

/** A linear stretch of [min, max] onto the model's 0..255, clamped at both ends. */
public record Rescale(double min, double max) {
    public Rescale {
        if (!(Double.isFinite(min) && Double.isFinite(max) && max > min)) {
            throw new IllegalArgumentException("rescale needs finite min < max, got " + min + "," + max);
        }
    }

    /** Parses "min,max". */
    public static Rescale parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("rescale must be 'min,max', got '" + text + "'");
        }
        try {
            return new Rescale(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rescale must be two numbers 'min,max', got '" + text + "'");
        }
    }

    public float apply(float value) {
        double scaled = (value - min) * 255.0 / (max - min);
        return (float) Math.max(0.0, Math.min(255.0, scaled));
    }
}
