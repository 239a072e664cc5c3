package io.rgbunmix.ancillary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Polygon;

/**
 * Elevation and slope from DEMs whose slope is known analytically, in the image's CRS, in another
 * projected CRS and in longitude/latitude; no-data; the precedence of values over rasters over features.
 */
class AncillaryRasterTest {
    private static final double TAN_10 = Math.tan(Math.toRadians(10));
    /** The first window of an image at 440000 E, 4130000 N (UTM 30N, 10 m): 2240 m a side. */
    private static final RasterGeometry IMAGE = TestData.utm(224, 224, 440000, 4130000, 10);
    private static final Polygon WINDOW = IMAGE.footprint(0, 0, 224, 224);

    @TempDir
    Path temp;

    /** A float DEM of 25 m pixels from 436000 E, 4134000 N, in {@code crs}, with z(easting, northing). */
    private Path projectedDem(String name, String crs, double noData, SyntheticRaster.Samples z) throws Exception {
        Path file = temp.resolve(name);
        SyntheticRaster.write(file, new RasterGeometry(480, 400, Crs.forCode(crs), new AffineTransform(25, 0, 0, -25,
                436000, 4134000)), 1, DataBuffer.TYPE_FLOAT, noData, z);
        return file;
    }

    private static double easting(int x) {
        return 436000 + (x + 0.5) * 25;
    }

    private static double northing(int y) {
        return 4134000 - (y + 0.5) * 25;
    }

    private static double mean(Path dem, AncillaryRaster.Quantity quantity) throws Exception {
        try (GeoRaster raster = GeoRaster.open(dem)) {
            return new AncillaryRaster(raster, quantity, IMAGE.crs()).mean(WINDOW);
        }
    }

    @Test
    void anInclinedPlaneOfTenDegreesHasASlopeOfTenDegreesAndItsMeanElevationAtTheCentre() throws Exception {
        Path plane = projectedDem("plane.tif", "EPSG:32630", Double.NaN, (x, y, b) -> 500 + TAN_10 * (easting(x) - 436000));
        assertEquals(10.0, mean(plane, AncillaryRaster.Quantity.SLOPE_DEGREES), 0.1);
        assertEquals(500 + TAN_10 * (441120 - 436000), mean(plane, AncillaryRaster.Quantity.VALUE), 2.0);
    }

    @Test
    void aConeOfTwentyDegreesInAnotherProjectedCrsHasThatSlopeAwayFromItsApex() throws Exception {
        // ETRS89 / UTM 30N against the image's WGS 84 / UTM 30N: the footprint is reprojected
        Path cone = projectedDem("cone.tif", "EPSG:25830", Double.NaN, (x, y, b) -> 2000
                - Math.tan(Math.toRadians(20)) * Math.hypot(easting(x) - 445000, northing(y) - 4126000));
        assertEquals(20.0, mean(cone, AncillaryRaster.Quantity.SLOPE_DEGREES), 0.1);
    }

    @Test
    void aGeographicDemGetsGeodesicPixelSizes() throws Exception {
        // the window lies near 3.67 W, 37.30 N: a DEM of 0.0003 degree pixels around it
        double west = -3.700;
        double north = 37.320;
        double step = 0.0003;
        double a = 6378137;
        double e2 = 0.00669437999014;
        Path file = temp.resolve("geographic.tif");
        // z rises 10 degrees eastwards: tan(10) x the distance along the parallel from the west edge
        SyntheticRaster.write(file, new RasterGeometry(200, 150, Crs.LON_LAT, new AffineTransform(step, 0, 0, -step,
                west, north)), 1, DataBuffer.TYPE_FLOAT, Double.NaN, (x, y, b) -> {
                    double lat = Math.toRadians(north - (y + 0.5) * step);
                    double radius = a / Math.sqrt(1 - e2 * Math.sin(lat) * Math.sin(lat)) * Math.cos(lat);
                    return 300 + TAN_10 * Math.toRadians((x + 0.5) * step) * radius;
                });
        assertEquals(10.0, mean(file, AncillaryRaster.Quantity.SLOPE_DEGREES), 0.1);
    }

    @Test
    void noDataIsLeftOutAndAWindowWithoutDataHasNoValue() throws Exception {
        // no data west of 441120 E, the middle of the window: the mean is that of the eastern half
        Path half = projectedDem("half.tif", "EPSG:32630", -9999,
                (x, y, b) -> easting(x) < 441120 ? -9999 : 500 + TAN_10 * (easting(x) - 436000));
        assertEquals(500 + TAN_10 * (441680 - 436000), mean(half, AncillaryRaster.Quantity.VALUE), 2.0);
        assertEquals(10.0, mean(half, AncillaryRaster.Quantity.SLOPE_DEGREES), 0.1);
        Path none = projectedDem("none.tif", "EPSG:32630", -9999, (x, y, b) -> -9999);
        try (GeoRaster raster = GeoRaster.open(none)) {
            AncillaryRaster elevation = new AncillaryRaster(raster, AncillaryRaster.Quantity.VALUE, IMAGE.crs());
            assertTrue(Double.isNaN(elevation.mean(WINDOW)));
            LayeredAncillary layered = new LayeredAncillary(Map.of(0, 1.0, 1, 2.0, 3, 4.0, 4, 5.0, 5, 6.0, 6, 7.0),
                    Map.of(2, new LayeredAncillary.Layer("dem", elevation)), null);
            assertEquals(Optional.empty(), layered.valuesFor(WINDOW), "skipped: no elevation anywhere");
        }
    }

    @Test
    void valuesComeBeforeRastersAndRastersBeforeFeaturesAndTheOutputsSayWhich() throws Exception {
        Path plane = projectedDem("plane.tif", "EPSG:32630", Double.NaN, (x, y, b) -> 500 + TAN_10 * (easting(x) - 436000));
        try (GeoRaster elevationRaster = GeoRaster.open(plane); GeoRaster slopeRaster = GeoRaster.open(plane)) {
            Map<Integer, LayeredAncillary.Layer> dem = Map.of(
                    2, new LayeredAncillary.Layer("dem", new AncillaryRaster(elevationRaster,
                            AncillaryRaster.Quantity.VALUE, IMAGE.crs())),
                    3, new LayeredAncillary.Layer("dem", new AncillaryRaster(slopeRaster,
                            AncillaryRaster.Quantity.SLOPE_DEGREES, IMAGE.crs())));
            AncillarySource features = AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY));
            AncillaryValues values = new LayeredAncillary(AncillaryValues.parseSome("temp_max=30,elevation=100"), dem,
                    features).valuesFor(WINDOW).orElseThrow();
            assertEquals(100, values.get(2), "the value given beats the DEM");
            assertEquals(10.0, values.get(3), 0.1);
            assertEquals(30, values.get(5));
            assertEquals(TestData.ANCILLARY[0], values.get(0));
            assertEquals(List.of("features", "features", "value", "dem", "features", "value", "features"), values.sources());
            assertEquals("evapotranspiration=features;precipitation=features;elevation=value;slope=dem;"
                    + "temp_ave=features;temp_max=value;temp_min=features", values.describeSources());
        }
        IllegalArgumentException incomplete = assertThrows(IllegalArgumentException.class,
                () -> new LayeredAncillary(AncillaryValues.parseSome("temp_max=30"), Map.of(), null));
        assertTrue(incomplete.getMessage().startsWith("no value, raster or features for evapotranspiration, precipitation, "
                + "elevation, slope, temp_ave, temp_min"), incomplete.getMessage());
    }
}
