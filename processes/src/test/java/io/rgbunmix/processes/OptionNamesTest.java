package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptionNamesTest {
    @Test
    void inputNamesBecomeHyphenatedLowerCaseFlags() {
        assertEquals("--min-valid-fraction", OptionNames.flag("minValidFraction"));
        assertEquals("--temp-ave-raster", OptionNames.flag("temp_aveRaster"));
        assertEquals("--ancillary-values", OptionNames.flag("ancillaryValues"));
        assertEquals("--raster", OptionNames.flag("raster"));
        assertEquals("--dem", OptionNames.flag("dem"));
    }
}
