package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The descriptions hold together: every front end made from them would otherwise offer nonsense. */
class ProcessDescriptionsTest {
    @Test
    void idsAndParameterNamesAreUnique() {
        Set<String> ids = new HashSet<>();
        for (ProcessDescription process : ProcessDescriptions.all()) {
            assertTrue(ids.add(process.id()) && ids.add(process.wpsIdentifier()), process.id());
            assertTrue(process.wpsIdentifier().startsWith("unmix:"), process.wpsIdentifier());
            Set<String> names = new HashSet<>();
            Stream.concat(process.inputs().stream(), process.outputs().stream())
                    .forEach(p -> assertTrue(names.add(p.name()), process.id() + " has two '" + p.name() + "'"));
        }
    }

    @Test
    void everyDefaultIsAValueItsInputTakes() {
        for (ProcessDescription process : ProcessDescriptions.all()) {
            for (Parameter input : process.inputs()) {
                String where = process.id() + "/" + input.name();
                assertTrue(input.minOccurs() <= input.maxOccurs() && input.maxOccurs() >= 1, where);
                if (input.type() instanceof Parameter.Complex complex) {
                    assertFalse(complex.formats().isEmpty(), where + " has formats");
                    continue;
                }
                if (input.type() instanceof Parameter.BoundingBox box) {
                    assertFalse(box.crs().isEmpty(), where + " names its CRSs");
                    continue;
                }
                Parameter.Literal literal = (Parameter.Literal) input.type();
                String value = literal.defaultValue();
                if (value == null) {
                    continue;
                }
                assertTrue(literal.allowedValues().isEmpty() || literal.allowedValues().contains(value), where);
                if (literal.dataType().equals("integer") || literal.dataType().equals("double")) {
                    double number = Double.parseDouble(value);
                    assertTrue((literal.minimum() == null || number >= literal.minimum())
                            && (literal.maximum() == null || number <= literal.maximum()), where + " = " + value);
                    assertTrue(!literal.dataType().equals("integer") || number == Math.rint(number), where);
                }
            }
        }
    }

    @Test
    void eachFormatResolvesFromTheNamesClientsUse() {
        Parameter.Complex raster = (Parameter.Complex) ProcessDescriptions.ESTIMATE_ABUNDANCES.input("raster")
                .orElseThrow().type();
        Parameter.Complex ancillary = (Parameter.Complex) ProcessDescriptions.ESTIMATE_ABUNDANCES.input("ancillary")
                .orElseThrow().type();
        assertEquals(Optional.of("image/tiff"), raster.resolve("IMAGE/TIFF"));
        assertEquals(Optional.of("application/geo+json"), raster.resolve("application/json"));
        assertEquals(Optional.of("application/json"), ancillary.resolve("application/geo+json"));
        assertEquals(Optional.of("text/xml; subtype=wfs-collection/1.0"), ancillary.resolve("text/xml"));
        assertEquals(Optional.empty(), raster.resolve("text/xml"));
        assertEquals(List.of("N1", "N2"), ((Parameter.Literal) ProcessDescriptions.LEVEL.type()).allowedValues());
    }
}
