package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void twoAndThreeDimensionsWithAndWithoutACrsReadBackAsWritten() {
        Box box = Box.parse(" -4.8, 37.8 ,-4.7,37.9,http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        assertArrayEquals(new double[] {-4.8, 37.8}, box.lower());
        assertArrayEquals(new double[] {-4.7, 37.9}, box.upper());
        assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", box.crs());
        assertEquals("-4.8,37.8,-4.7,37.9,http://www.opengis.net/def/crs/OGC/1.3/CRS84", box.text());
        assertEquals(box, Box.parse(box.text()));
        Box cube = Box.parse("0,0,0,10,20,30");
        assertEquals(3, cube.dimensions());
        assertNull(cube.crs());
        assertEquals("0,0,0,10,20,30", cube.text());
        // a point is a box: conformance suites send one
        assertEquals("345345345,345345345,345345345,345345345,urn:ogc:def:crs:EPSG:6.6:4326",
                Box.parse("345345345,345345345,345345345,345345345,urn:ogc:def:crs:EPSG:6.6:4326").text());
    }

    @Test
    void whatIsNotABoxIsRefusedInWords() {
        for (String text : List.of("1,2,3", "1,2,3,4,5", "a,b,c,d", "1,2,3,4,EPSG:4326,extra", "", "1,2,3,NaN",
                "1,2,3,4,5,6,7,8")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Box.parse(text), text);
            assertTrue(e.getMessage().contains("minx,miny,maxx,maxy"), e.getMessage());
        }
        IllegalArgumentException upsideDown = assertThrows(IllegalArgumentException.class, () -> Box.parse("3,0,1,1"));
        assertTrue(upsideDown.getMessage().contains("3 > 1"), upsideDown.getMessage());
    }

    @Test
    void aBoundingBoxInputIsCheckedAsItsProcessDescribesIt() throws InputException {
        ProcessInputs checked = ProcessInputs.validate(ProcessDescriptions.ECHO,
                Map.of("box", List.of(new InputValue.Literal("1, 2, 3, 4"))));
        assertEquals(List.of("1,2,3,4"), checked.texts("box"));
        InputException refused = assertThrows(InputException.class, () -> ProcessInputs.validate(
                ProcessDescriptions.ECHO, Map.of("box", List.of(new InputValue.Literal("1,2,3")))));
        assertEquals("box", refused.locator());
        assertThrows(InputException.class, () -> ProcessInputs.validate(ProcessDescriptions.ECHO,
                Map.of("box", List.of(new InputValue.Complex("text/plain", null)))));
    }
}
