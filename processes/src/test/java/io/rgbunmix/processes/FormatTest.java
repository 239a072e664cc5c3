package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A result file's name says its format, and the format read back from it is one its output takes. */
class FormatTest {
    @Test
    void everyOutputFormatsFileNameGivesAFormatTheOutputTakes() {
        for (ProcessDescription process : ProcessDescriptions.all()) {
            for (Parameter output : process.outputs()) {
                if (!(output.type() instanceof Parameter.Complex complex)) {
                    continue;
                }
                for (Format format : complex.formats()) {
                    String file = output.name() + "." + Format.extension(format.mimeType());
                    String back = Format.mediaTypeOf(file);
                    assertTrue(complex.resolve(back).isPresent(), process.id() + "/" + output.name() + ": " + file
                            + " reads back as " + back);
                }
            }
        }
        assertEquals("tif", Format.extension("image/tiff"));
        assertEquals("gml", Format.extension("text/xml; subtype=wfs-collection/1.1"));
        assertEquals("text/plain", Format.mediaTypeOf("echo.txt"));
    }
}
