package io.rgbunmix.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.QuicklookRaster;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a results map is given besides the features: the legend of the model's classes, the count of windows,
 * what kind of map it is, and the raster's own picture on longitude/latitude around every window.
 */
class WebMapWriterTest {
    @TempDir
    Path temp;

    @Test
    void theLegendThePictureAndItsBoundsAreTheRunsOwn() throws Exception {
        Path file = temp.resolve("scene.tif");
        SyntheticRaster.write(file, TestData.utm(3 * 224, 2 * 224, 440000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> (x / 7 + y / 5 + b * 60) % 250);
        CollectingWriter windows = new CollectingWriter();
        WebMapWriter map;
        try (ModelStore store = TestData.store(); GeoRaster raster = GeoRaster.open(file)) {
            QuicklookRaster picture = new QuicklookRaster(raster, null, 256);
            map = new WebMapWriter(picture, WebMapWriter.Kind.CHANGE);
            assertThrows(IllegalStateException.class, map::quicklook, "no picture before the run ends");
            new UnmixEngine(store).run(picture, AncillarySource.constant(AncillaryValues.parse(TestData.ANCILLARY_TEXT)),
                    UnmixOptions.defaults(Level.N2), ResultWriter.all(List.of(map, windows)), ProgressListener.NONE,
                    () -> false);
        }
        map.writeTo(temp);
        JsonNode legend = new ObjectMapper().readTree(temp.resolve(WebMapWriter.MAP_FILE).toFile());
        assertEquals("change", legend.get("kind").asText());
        assertEquals("N2", legend.get("level").asText());
        assertEquals(6, legend.get("windows").asInt());
        var classes = windows.layout.model().classes();
        assertEquals(classes.size(), legend.get("classes").size());
        for (int k = 0; k < classes.size(); k++) {
            JsonNode entry = legend.get("classes").get(k);
            assertEquals(classes.get(k).key(), entry.get("key").asText());
            assertTrue(entry.get("colour").asText().matches("#[0-9a-fA-F]{6}"), entry.toString());
        }
        JsonNode bounds = legend.get("quicklook");
        for (WindowResult window : windows.results) {
            assertTrue(window.centreLon() > bounds.get("west").asDouble() && window.centreLon() < bounds.get("east").asDouble()
                    && window.centreLat() > bounds.get("south").asDouble()
                    && window.centreLat() < bounds.get("north").asDouble(), "window " + window.window().id() + " on the picture");
        }
        BufferedImage png = ImageIO.read(Files.newInputStream(temp.resolve(WebMapWriter.QUICKLOOK_FILE)));
        assertTrue(Math.max(png.getWidth(), png.getHeight()) <= 300 && png.getWidth() > png.getHeight(),
                png.getWidth() + " x " + png.getHeight() + ": a wide picture of at most the side asked");
    }
}
