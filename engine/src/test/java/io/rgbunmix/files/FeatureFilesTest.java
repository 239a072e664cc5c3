package io.rgbunmix.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.ancillary.FeatureCollection;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Features are told GeoJSON or GML by their bytes, whatever a file is named or a client declared. */
class FeatureFilesTest {
    private static final String PROPERTIES = "\"evapotranspiration\":900,\"precipitation\":380,\"elevation\":520,"
            + "\"slope\":6,\"temp_ave\":16.6,\"temp_max\":23.7,\"temp_min\":10.1";
    private static final String GEOJSON = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"id\":\"a\","
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-5.9,37.4]},\"properties\":{" + PROPERTIES + "}}]}";
    private static final String GML = "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" "
            + "xmlns:gml=\"http://www.opengis.net/gml\" xmlns:s=\"http://example.org/s\"><gml:featureMember>"
            + "<s:zone fid=\"zone.1\"><s:the_geom><gml:Point srsName=\"http://www.opengis.net/gml/srs/epsg.xml#32630\">"
            + "<gml:coordinates>300000,4190000</gml:coordinates></gml:Point></s:the_geom>"
            + "<s:evapotranspiration>900</s:evapotranspiration><s:precipitation>380</s:precipitation>"
            + "<s:elevation>520</s:elevation><s:slope>6</s:slope><s:temp_ave>16.6</s:temp_ave>"
            + "<s:temp_max>23.7</s:temp_max><s:temp_min>10.1</s:temp_min></s:zone></gml:featureMember>"
            + "</wfs:FeatureCollection>";

    private static FeatureCollection read(byte[] bytes) throws Exception {
        // a stream without mark, as a file's is
        try (InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public boolean markSupported() {
                return false;
            }
        }) {
            return FeatureFiles.read(in);
        }
    }

    @Test
    void gmlIsToldByItsFirstElementAfterABomAndBlankLines() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n  " + GML).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(text, 0, bytes, 3, text.length);
        FeatureCollection gml = read(bytes);
        assertEquals("zone.1", gml.features().get(0).id());
        assertTrue(gml.crs().getName().getCode().contains("UTM zone 30N"), "GML's own CRS: " + gml.crs().getName());
        // without a declaration, white space may come first
        assertEquals("zone.1", read(("\n\r\n  " + GML).getBytes(StandardCharsets.UTF_8)).features().get(0).id());
    }

    @Test
    void geoJsonIsReadInUtf8AndUtf16() throws Exception {
        assertEquals("a", read(GEOJSON.getBytes(StandardCharsets.UTF_8)).features().get(0).id());
        assertEquals("a", read(("  " + GEOJSON).getBytes(StandardCharsets.UTF_16BE)).features().get(0).id());
    }

    @Test
    void textThatIsNeitherSaysWhatWasExpected() {
        IllegalArgumentException csv = assertThrows(IllegalArgumentException.class,
                () -> read("id,temp_ave\n1,16.6\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(csv.getMessage().startsWith("ancillary GeoJSON is not valid JSON"), csv.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> read(new byte[0]));
        assertTrue(empty.getMessage().contains("FeatureCollection or a Feature"), empty.getMessage());
    }
}
