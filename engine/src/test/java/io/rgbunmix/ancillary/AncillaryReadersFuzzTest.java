package io.rgbunmix.ancillary;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rgbunmix.ClientMessages;
import io.rgbunmix.geo.Crs;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The ancillary readers on arbitrary bytes: a client's GeoJSON or GML either reads, and joins to a
 * UTM raster, or is refused with the readers' documented exceptions (IllegalArgumentException,
 * IOException) and a message in words. Seeds: AncillaryReadersFuzzTestInputs/; long runs: scripts/fuzz.sh.
 */
class AncillaryReadersFuzzTest {
    @FuzzTest
    void geoJson(byte[] data) {
        try {
            join(GeoJsonFeatures.read(new ByteArrayInputStream(data)));
        } catch (IllegalArgumentException | IOException refused) {
            ClientMessages.assertInWords(refused.getMessage(), "a GeoJSON refusal", data);
        }
    }

    @FuzzTest
    void gml(byte[] data) {
        try {
            join(GmlFeatures.read(new ByteArrayInputStream(data)));
        } catch (IllegalArgumentException | IOException refused) {
            ClientMessages.assertInWords(refused.getMessage(), "a GML refusal", data);
        }
    }

    private static void join(FeatureCollection features) {
        new FeatureJoin(features.features(), features.crs(), Crs.forCode("EPSG:32630"));
    }
}
