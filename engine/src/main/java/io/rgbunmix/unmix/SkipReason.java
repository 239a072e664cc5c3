package io.rgbunmix.unmix;

/** Why a window was left out of the results. */
public enum SkipReason {
    NODATA("too little valid (non-nodata) area"),
    NO_ANCILLARY("no ancillary data for its footprint");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
