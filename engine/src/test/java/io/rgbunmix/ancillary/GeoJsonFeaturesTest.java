package io.rgbunmix.ancillary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.geo.Crs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GeoJsonFeaturesTest {
    private static final String PROPS = "\"EvapoTranspiration\": 900, \"precipitation\": \"380.5\", \"ELEVATION\": 520,"
            + " \"slope\": 6, \"temp_ave\": 16.6, \"temp_max\": 23.7, \"temp_min\": 10.1";

    private static FeatureCollection read(String json) throws Exception {
        return GeoJsonFeatures.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String collection(String properties, String extra) {
        return "{\"type\": \"FeatureCollection\"" + extra + ", \"features\": [{\"type\": \"Feature\", \"id\": \"f1\","
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [-5.3, 38.3]},"
                + " \"properties\": {" + properties + "}}]}";
    }

    @Test
    void attributeNamesAreMatchedCaseInsensitivelyAndNumbersMayBeText() throws Exception {
        var features = read(collection(PROPS, ""));
        assertEquals(1, features.features().size());
        assertEquals(Crs.LON_LAT, features.crs());
        AncillaryValues values = features.features().get(0).values();
        assertEquals(900, values.get(0));
        assertEquals(380.5, values.get(1));
        assertEquals(520, values.get(2));
        assertEquals(-5.3, features.features().get(0).geometry().getCoordinate().x);
    }

    @Test
    void missingAttributeNamesTheFeatureAndAttribute() {
        String props = PROPS.replace("\"slope\": 6,", "");
        String message = assertThrows(IllegalArgumentException.class, () -> read(collection(props, ""))).getMessage();
        assertTrue(message.startsWith("feature f1: missing ancillary attribute 'slope'"), message);
    }

    @Test
    void nonNumericAndNonFiniteValuesNameTheFeatureAndAttribute() {
        String text = PROPS.replace("\"slope\": 6", "\"slope\": \"steep\"");
        assertEquals("feature f1: attribute 'slope' is not a number: 'steep'",
                assertThrows(IllegalArgumentException.class, () -> read(collection(text, ""))).getMessage());
        String infinite = PROPS.replace("\"slope\": 6", "\"slope\": \"Infinity\"");
        assertEquals("feature f1: attribute 'slope' is not finite: Infinity",
                assertThrows(IllegalArgumentException.class, () -> read(collection(infinite, ""))).getMessage());
    }

    @Test
    void legacyCrsMemberIsHonoured() throws Exception {
        var features = read(collection(PROPS,
                ", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32630\"}}"));
        assertTrue(features.crs().getName().getCode().contains("UTM zone 30N"));
    }

    @Test
    void notACollectionIsRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read("{\"type\": \"Point\"}"))
                .getMessage().contains("FeatureCollection or a Feature"));
    }
}
