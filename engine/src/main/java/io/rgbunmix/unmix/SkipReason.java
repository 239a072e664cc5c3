package io.rgbunmix.unmix;

/** Why a window was left out of the results. */
public enum SkipReason {
    NODATA("too little valid (non-nodata) area"),
    NO_ANCILLARY("no ancillary data for its footprint"),
    MASKED("more masked area (clouds, shadows, snow) than allowed"),
    NO_VALID_DATE("no date with an unmasked pixel");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
