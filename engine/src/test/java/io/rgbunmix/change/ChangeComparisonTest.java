package io.rgbunmix.change;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.geo.SphericalArea;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.windows.Window;
import io.rgbunmix.windows.WindowGrid;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.WindowResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** Two periods' windows compared: the rule of a likely change, the skipped windows, and what cannot be compared. */
class ChangeComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final RasterGeometry RASTER = TestData.utm(448, 224, 440000, 4130000, 10);
    private static final WindowGrid GRID = new WindowGrid(448, 224, 224, 224);

    private static ModelCard card(Level level, String provenance) throws Exception {
        return new ModelCard("m-" + level, level, "a test card", List.of(new ModelCard.ClassInfo("a", "A"),
                new ModelCard.ClassInfo("b", "B")), null, null, 224, 10.0, null, JSON.readTree(provenance));
    }

    private static final String ERRORS = "{\"metrics\": {\"model\": {\"mae\": 4.0, \"per_class\": {\"a\": {\"mae\": 5.0}}}}}";

    private static PeriodCollector period(ModelCard card, float[]... windows) {
        PeriodCollector collector = new PeriodCollector();
        collector.begin(new RunLayout(card, GRID, RASTER));
        for (int id = 0; id < windows.length; id++) {
            Window window = new Window(id, 0, id, id * 224, 0);
            if (windows[id] == null) {
                collector.skipped(window, SkipReason.NODATA, "all no-data");
                continue;
            }
            double west = 440000 + id * 2240;
            Polygon footprint = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(west, 4130000),
                new Coordinate(west + 2240, 4130000), new Coordinate(west + 2240, 4127760),
                new Coordinate(west, 4127760), new Coordinate(west, 4130000)});
            collector.write(new WindowResult(window, footprint, -3.6, 37.3, windows[id], new float[2],
                    new AncillaryValues(TestData.ANCILLARY)));
        }
        return collector;
    }

    @Test
    void aChangeIsLikelyAboveKTimesTheErrorOfADifference() throws Exception {
        ModelCard card = card(Level.N1, ERRORS);
        // class a's error is its own 5 points, b's the model's 4: thresholds 2 sqrt(2) 5 = 14.14 and 11.31
        ChangeComparison comparison = ChangeComparison.of(period(card, new float[] {0.50f, 0.50f}, new float[] {0.5f, 0.5f}),
                period(card, new float[] {0.36f, 0.64f}, new float[] {0.35f, 0.65f}), 2);
        assertArrayEquals(new double[] {5.0, 4.0}, comparison.error().perClass());
        WindowChange small = comparison.changes().get(0);
        WindowChange large = comparison.changes().get(1);
        assertEquals(-14.0, small.difference()[0], 1e-5);
        assertArrayEquals(new boolean[] {false, true}, small.likely(), "14 points of a: below 14.14; of b: above 11.31");
        assertArrayEquals(new boolean[] {true, true}, large.likely(), "15 points: above both");
        assertEquals(2, comparison.transitions()[0][1], "a (first on a tie) before, b after, in both windows");
        // each window of the 10 m UTM grid is 2.24 km a side
        assertEquals(2 * 5.0176, comparison.transitionAreas()[0][1], 2 * 5.0176 * 0.005);
    }

    @Test
    void aWindowSkippedByEitherPeriodSaysWhichAndWhy() throws Exception {
        ModelCard card = card(Level.N1, ERRORS);
        ChangeComparison comparison = ChangeComparison.of(period(card, new float[] {0.5f, 0.5f}, null),
                period(card, null, null), 2);
        assertEquals(0, comparison.changes().size());
        assertEquals(List.of("after", "both"), comparison.skipped().stream().map(ChangeComparison.SkippedWindow::period)
                .toList());
        assertEquals("all no-data", comparison.skipped().get(1).reason().detail());
    }

    @Test
    void periodsAtDifferentLevelsOrWithoutTheModelsErrorAreRefusedInWords() throws Exception {
        IllegalArgumentException levels = assertThrows(IllegalArgumentException.class, () -> ChangeComparison.of(
                period(card(Level.N1, ERRORS), new float[] {1, 0}), period(card(Level.N2, ERRORS), new float[] {1, 0}), 2));
        assertTrue(levels.getMessage().contains("different levels (before N1, after N2)"), levels.getMessage());
        IllegalArgumentException untrained = assertThrows(IllegalArgumentException.class, () -> ChangeComparison.of(
                period(card(Level.N1, "{}"), new float[] {1, 0}), period(card(Level.N1, "{}"), new float[] {1, 0}), 2));
        assertTrue(untrained.getMessage().contains("states no validation MAE"), untrained.getMessage());
        ModelCard card = card(Level.N1, ERRORS);
        assertThrows(IllegalArgumentException.class, () -> ChangeComparison.of(period(card, new float[] {1, 0}),
                period(card, new float[] {1, 0}), 0));
    }

    @Test
    void aDegreeSquareAtTheEquatorIsItsKnownArea() {
        Polygon square = GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 0),
            new Coordinate(1, 1), new Coordinate(0, 1), new Coordinate(0, 0)});
        // R^2 * 1 degree * (sin 1 degree - sin 0), R the authalic radius 6371.0072 km
        assertEquals(12_363.7, SphericalArea.squareKilometres(square), 0.1);
    }
}
