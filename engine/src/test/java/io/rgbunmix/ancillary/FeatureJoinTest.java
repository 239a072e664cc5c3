package io.rgbunmix.ancillary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.raster.RasterGeometry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

class FeatureJoinTest {
    private static final GeometryFactory G = new GeometryFactory();
    private static final CoordinateReferenceSystem UTM = Crs.forCode("EPSG:32630");
    /** Window footprint: 2240 m square with its upper-left corner at (300000, 4200000). */
    private static final RasterGeometry RASTER = TestData.utm(448, 448, 300000, 4200000, 10);
    private static final Polygon WINDOW = RASTER.footprint(0, 0, 224, 224);

    private static Polygon box(double x0, double y0, double x1, double y1) {
        return G.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
                new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    private static AncillaryFeature feature(String id, Geometry geometry, double base) {
        double[] values = new double[7];
        for (int i = 0; i < 7; i++) {
            values[i] = base + i;
        }
        return new AncillaryFeature(id, geometry, new AncillaryValues(values));
    }

    @Test
    void twoPolygonsSplittingAWindowAreWeightedByArea() {
        // the west quarter of the window (560 m) is "a" (base 100), the other three quarters "b" (base 200);
        // both extend beyond the window, and only the part inside counts
        FeatureJoin join = new FeatureJoin(List.of(
                feature("a", box(299000, 4190000, 300560, 4201000), 100),
                feature("b", box(300560, 4190000, 310000, 4201000), 200)), UTM, UTM);
        AncillaryValues values = join.valuesFor(WINDOW).orElseThrow();
        for (int i = 0; i < 7; i++) {
            assertEquals(0.25 * (100 + i) + 0.75 * (200 + i), values.get(i), 1e-9);
        }
    }

    @Test
    void windowOutsideEveryPolygonHasNoValues() {
        FeatureJoin join = new FeatureJoin(List.of(feature("far", box(400000, 4100000, 401000, 4101000), 1)), UTM, UTM);
        assertTrue(join.valuesFor(WINDOW).isEmpty());
    }

    @Test
    void pointsInsideAreAveragedElseTheNearestWithinOneWindowWidthIsTaken() {
        FeatureJoin inside = new FeatureJoin(List.of(
                feature("p1", G.createPoint(new Coordinate(300100, 4199000)), 10),
                feature("p2", G.createPoint(new Coordinate(302000, 4198000)), 30),
                feature("near", G.createPoint(new Coordinate(303000, 4199000)), 1000)), UTM, UTM);
        assertEquals(20, inside.valuesFor(WINDOW).orElseThrow().get(0), 1e-9);

        FeatureJoin outside = new FeatureJoin(List.of(
                feature("1000m", G.createPoint(new Coordinate(303240, 4199000)), 50),
                feature("2000m", G.createPoint(new Coordinate(300000, 4202000 + 1)), 70)), UTM, UTM);
        assertEquals(50, outside.valuesFor(WINDOW).orElseThrow().get(0), 1e-9);

        FeatureJoin tooFar = new FeatureJoin(List.of(
                feature("2241m", G.createPoint(new Coordinate(302240 + 2241, 4199000)), 50)), UTM, UTM);
        assertTrue(tooFar.valuesFor(WINDOW).isEmpty());
    }

    @Test
    void aBowTiePolygonIsRepairedIntoTheAreasItEncloses() {
        // a ring crossing itself at (301120, 4198880), the window's centre: its lobes are the window's west
        // and east triangles between the diagonals, each a quarter of the window; overlay of the ring as
        // given fails ("found non-noded intersection")
        Polygon bowTie = G.createPolygon(new Coordinate[] {new Coordinate(300000, 4200000),
                new Coordinate(302240, 4197760), new Coordinate(302240, 4200000), new Coordinate(300000, 4197760),
                new Coordinate(300000, 4200000)});
        assertTrue(!bowTie.isValid());
        FeatureJoin join = new FeatureJoin(List.of(feature("bow", bowTie, 100), feature("all",
                box(299000, 4190000, 310000, 4201000), 200)), UTM, UTM);
        // a quarter of the window from each lobe (weight 1/2 in all), the whole window from "all"
        double expected = (0.5 * 100 + 1.0 * 200) / 1.5;
        assertEquals(expected, join.valuesFor(WINDOW).orElseThrow().get(0), 1e-6);
    }

    @Test
    void featuresTheRastersCrsCannotPlaceAreLeftOut() {
        FeatureJoin join = new FeatureJoin(List.of(
                feature("antipodes", G.createPoint(new Coordinate(150, -30)), 1),
                feature("huge", box(-1e308, -1e308, 1e308, 1e308), 2),
                feature("here", box(-5.3, 37.8, -5.2, 38.0), 3)), Crs.LON_LAT, UTM);
        assertEquals(3, join.valuesFor(WINDOW).orElseThrow().get(0), 1e-9);
    }

    @Test
    void linesAreRefusedNamingTheFeature() {
        var line = G.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)});
        String message = assertThrows(IllegalArgumentException.class,
                () -> new FeatureJoin(List.of(feature("river-7", line, 0)), UTM, UTM)).getMessage();
        assertTrue(message.startsWith("feature river-7: line geometries"), message);
    }

    @Test
    void featuresInWgs84AreReprojectedOntoTheUtmRaster() {
        // the west half of the window, drawn in UTM, densified, then expressed in lon/lat
        Polygon westHalf = box(299000, 4190000, 301120, 4201000);
        Polygon eastHalf = box(301120, 4190000, 305000, 4201000);
        Reprojection toLonLat = new Reprojection(UTM, Crs.LON_LAT);
        Geometry west = toLonLat.apply(org.locationtech.jts.densify.Densifier.densify(westHalf, 50));
        Geometry east = toLonLat.apply(org.locationtech.jts.densify.Densifier.densify(eastHalf, 50));
        assertTrue(west.getEnvelopeInternal().getMinX() < -5 && west.getEnvelopeInternal().getMinY() > 37,
                "coordinates really are lon/lat: " + west.getEnvelopeInternal());
        FeatureJoin join = new FeatureJoin(List.of(feature("w", west, 0), feature("e", east, 100)),
                Crs.LON_LAT, RASTER.crs());
        assertEquals(50, join.valuesFor(WINDOW).orElseThrow().get(0), 0.01);
    }

    @Test
    void constantSourceGivesTheSameValuesEverywhere() {
        AncillaryValues values = AncillaryValues.parse(TestData.ANCILLARY_TEXT);
        assertArrayEquals(TestData.ANCILLARY, values.values());
        assertEquals(values, AncillarySource.constant(values).valuesFor(WINDOW).orElseThrow());
    }

    @Test
    void anUnknownNameInAncillaryValuesIsRefusedByName() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AncillaryValues.parse(TestData.ANCILLARY_TEXT.replace("temp_ave", "tmp_ave")));
        assertTrue(e.getMessage().contains("unknown ancillary variable 'tmp_ave'"), e.getMessage());
        assertEquals(AncillaryValues.parse(TestData.ANCILLARY_TEXT),
                AncillaryValues.parse(TestData.ANCILLARY_TEXT.toUpperCase()), "names are case-insensitive");
    }
}
