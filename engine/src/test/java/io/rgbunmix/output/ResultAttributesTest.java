package io.rgbunmix.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.WindowResult;
import io.rgbunmix.windows.Window;
import io.rgbunmix.windows.WindowGrid;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** One run's attributes, window after window: each window's own sources, mask and dates. */
class ResultAttributesTest {
    private static final Polygon FOOTPRINT = new GeometryFactory().createPolygon(new Coordinate[] {
        new Coordinate(0, 0), new Coordinate(1, 0), new Coordinate(1, 1), new Coordinate(0, 0)});

    private static WindowResult window(long id, AncillaryValues ancillary, List<String> dates) {
        return new WindowResult(new Window(id, 0, (int) id, 224 * (int) id, 0), FOOTPRINT, -3.6, 37.3,
                new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new float[] {0.5f, 0.6f, 0.7f, 0.8f}, ancillary, 0.25, dates);
    }

    @Test
    void eachWindowHasTheSourcesOfItsOwnValuesWhenTheyChangeFromWindowToWindow() throws Exception {
        ModelCard card;
        try (var models = TestData.store()) {
            card = models.forLevel(Level.N1).card();
        }
        RunLayout layout = new RunLayout(card, new WindowGrid(4 * 224, 224, 224, 224), TestData.utm(4 * 224, 224,
                300000, 4200000, 10), new MaskInfo("scl", "cloud"), List.of("2024-06-01", "2024-06-11"));
        ResultAttributes attributes = ResultAttributes.of(layout);
        List<String> names = ResultAttributes.names(card);
        AncillaryValues constant = new AncillaryValues(TestData.ANCILLARY).from("value");
        AncillaryValues features = new AncillaryValues(TestData.ANCILLARY).from("features");
        List<WindowResult> windows = List.of(window(0, constant, List.of("2024-06-01")), window(1, constant, List.of()),
                window(2, features, List.of("2024-06-01", "2024-06-11")), window(3, constant, List.of("2024-06-11")));
        for (WindowResult result : windows) {
            List<Object> values = attributes.values(result);
            assertEquals(names.size(), values.size());
            assertEquals(result.ancillary().describeSources(), values.get(names.indexOf("ancillary_sources")),
                    "window " + result.window().id());
            assertEquals(result.window().id(), values.get(names.indexOf("window_id")));
            assertEquals(result.percent(3), values.get(names.indexOf("wetlands_and_riverine_forests")));
            assertEquals((double) 0.8f, values.get(names.indexOf("p_wetlands_and_riverine_forests")));
            assertEquals(card.classes().get(3).key(), values.get(names.indexOf("dominant_class")));
            assertEquals(TestData.ANCILLARY[6], values.get(names.indexOf("temp_min")));
            assertEquals(0.25, values.get(names.indexOf("masked_fraction")));
            assertEquals("scl", values.get(names.indexOf("mask")));
            assertEquals(result.dates().isEmpty() ? 1 : result.dates().size(), values.get(names.indexOf("dates_used")));
            assertEquals(String.join(";", result.dates()), values.get(names.indexOf("dates")));
        }
        assertEquals("evapotranspiration=features", ((String) attributes.values(windows.get(2))
                .get(names.indexOf("ancillary_sources"))).split(";")[0], "the sources of window 2, asked again");
    }
}
