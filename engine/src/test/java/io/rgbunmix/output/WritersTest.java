package io.rgbunmix.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillaryFeature;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.GmlFeatures;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.raster.TiffTagEditor;
import io.rgbunmix.unmix.CollectingWriter;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** Runs the engine once on a 3 x 2 window raster whose window (1, 2) has no ancillary data. */
class WritersTest {
    @TempDir
    Path temp;

    private CollectingWriter collected;
    private final ByteArrayOutputStream geojson = new ByteArrayOutputStream();
    private final ByteArrayOutputStream csv = new ByteArrayOutputStream();

    private Path run(int stride) throws Exception {
        Path input = temp.resolve("in.tif");
        SyntheticRaster.write(input, TestData.utm(3 * 224, 2 * 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 40 * (x / 224) + 30 * (y / 224) + 10 * b);
        // a polygon covering everything except the lower-right window
        var polygon = new GeometryFactory().createPolygon(new Coordinate[] {new Coordinate(290000, 4210000),
                new Coordinate(310000, 4210000), new Coordinate(310000, 4197760), new Coordinate(304480, 4197760),
                new Coordinate(304480, 4190000), new Coordinate(290000, 4190000), new Coordinate(290000, 4210000)});
        FeatureJoin join = new FeatureJoin(List.of(new AncillaryFeature("p", polygon,
                new AncillaryValues(TestData.ANCILLARY))), Crs.forCode("EPSG:32630"), Crs.forCode("EPSG:32630"));
        Path tif = temp.resolve("out.tif");
        collected = new CollectingWriter();
        try (ModelStore models = TestData.store(); GeoRaster raster = GeoRaster.open(input)) {
            new UnmixEngine(models).run(raster, join, UnmixOptions.defaults(Level.N1).withStride(stride),
                    ResultWriter.all(List.of(collected, new GeoJsonResultWriter(geojson), new CsvResultWriter(csv),
                            new GeoTiffResultWriter(tif))), ProgressListener.NONE, () -> false);
        }
        return tif;
    }

    @Test
    void geoTiffHasOnePixelPerWindowTheSourceCrsAndNaNForSkipped() throws Exception {
        Path tif = run(224);
        assertEquals(5, collected.results.size());
        try (GeoRaster out = GeoRaster.open(tif)) {
            assertEquals(4, out.bandCount());
            assertEquals(3, out.geometry().width());
            assertEquals(2, out.geometry().height());
            assertEquals(new AffineTransform(2240, 0, 0, -2240, 300000, 4200000), out.geometry().gridToCrs());
            assertTrue(out.geometry().crs().getName().getCode().contains("UTM zone 30N"));
            Strip strip = out.readRows(0, 2, new int[] {0, 1, 2, 3});
            for (WindowResult r : collected.results) {
                for (int k = 0; k < 4; k++) {
                    assertEquals((float) (r.abundance()[k] * 100.0), strip.sample(k, r.window().col(), r.window().row()));
                }
            }
            for (int k = 0; k < 4; k++) {
                assertTrue(Float.isNaN(strip.sample(k, 2, 1)), "skipped window is NaN");
            }
        }
        TiffTagEditor tags = new TiffTagEditor(tif);
        String metadata = tags.ascii(TiffTagEditor.GDAL_METADATA).orElseThrow();
        assertTrue(metadata.contains("<Item name=\"DESCRIPTION\" sample=\"0\" role=\"description\">Artificial</Item>"));
        assertTrue(metadata.contains("sample=\"3\" role=\"description\">Wetlands and riverine forests</Item>"));
        assertEquals("nan", tags.ascii(TiffTagEditor.GDAL_NODATA).orElseThrow());
        assertEquals(1, tags.firstShort(262).orElseThrow(), "grey-scale bands, not RGB");
    }

    @Test
    void geoTiffPixelsAreCentredOnTheirWindowsWhenWindowsOverlap() throws Exception {
        try (GeoRaster out = GeoRaster.open(run(112))) {
            assertEquals(5, out.geometry().width());
            assertEquals(3, out.geometry().height());
            // pixel (0,0) is 112 x 112 source pixels around window (0,0)'s centre (1120 m from the corner)
            assertEquals(new AffineTransform(1120, 0, 0, -1120, 300000 + 560, 4200000 - 560), out.geometry().gridToCrs());
        }
    }

    @Test
    void geoJsonIsRfc7946WithEveryAttribute() throws Exception {
        run(224);
        JsonNode root = new ObjectMapper().readTree(geojson.toByteArray());
        assertEquals("FeatureCollection", root.get("type").asText());
        assertEquals(5, root.get("features").size());
        JsonNode first = root.get("features").get(0);
        var ring = first.get("geometry").get("coordinates").get(0);
        assertEquals(5, ring.size());
        Coordinate[] coordinates = new Coordinate[5];
        for (int i = 0; i < 5; i++) {
            coordinates[i] = new Coordinate(ring.get(i).get(0).asDouble(), ring.get(i).get(1).asDouble());
            assertTrue(coordinates[i].x > -6 && coordinates[i].x < -5 && coordinates[i].y > 37 && coordinates[i].y < 38,
                    "longitude, latitude near Andalusia: " + coordinates[i]);
        }
        assertTrue(Orientation.isCCW(coordinates), "exterior ring counter-clockwise");
        List<String> names = new ArrayList<>();
        first.get("properties").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("window_id", "row", "col", "centre_lon", "centre_lat", "artificial", "agricultural_lands",
                "terrestrial_wildlands", "wetlands_and_riverine_forests", "dominant_class", "p_artificial",
                "p_agricultural_lands", "p_terrestrial_wildlands", "p_wetlands_and_riverine_forests",
                "evapotranspiration", "precipitation", "elevation", "slope", "temp_ave", "temp_max", "temp_min",
                "ancillary_sources", "masked_fraction", "mask", "dates_used", "dates"), names);
        assertEquals("none", first.get("properties").get("mask").asText(), "no mask, and it says so");
        assertEquals(0.0, first.get("properties").get("masked_fraction").asDouble());
        WindowResult result = collected.results.get(0);
        assertEquals(result.abundance()[1] * 100.0, first.get("properties").get("agricultural_lands").asDouble());
        double sum = 0;
        for (String key : names.subList(5, 9)) {
            sum += first.get("properties").get(key).asDouble();
        }
        assertEquals(100, sum, 1e-4);
        assertEquals(1, root.get("summary").get("skipped").get("no_ancillary").asInt());
        assertEquals(5, root.get("summary").get("processed").asInt());
    }

    @Test
    void csvHasAHeaderAndOneRowPerProcessedWindow() throws Exception {
        run(224);
        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(6, lines.length);
        assertTrue(lines[0].startsWith("window_id,row,col,centre_lon,centre_lat,artificial,"));
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                .setHeader().build().parse(new java.io.StringReader(csv.toString(StandardCharsets.UTF_8))).getRecords();
        org.apache.commons.csv.CSVRecord row = rows.get(4);
        assertEquals("4", row.get("window_id"));
        assertEquals("1", row.get("row"));
        assertEquals("1", row.get("col"));
        WindowResult result = collected.results.get(4);
        assertEquals(result.percent(0), Double.parseDouble(row.get(5)));
        assertEquals("894.2", row.get("evapotranspiration"));
        assertTrue(row.get("ancillary_sources").matches("evapotranspiration=(value|features);precipitation=.*;"
                + "temp_min=(value|features)"), "where each ancillary value came from: " + row.get("ancillary_sources"));
        assertEquals("none", row.get("mask"));
        assertEquals("1", row.get("dates_used"));
    }

    @Test
    void gmlInBothVersionsReadsBackWithTheFootprintsInTheRasterCrs() throws Exception {
        for (boolean gml3 : new boolean[] {false, true}) {
            ByteArrayOutputStream gml = new ByteArrayOutputStream();
            Path input = temp.resolve("gml.tif");
            SyntheticRaster.write(input, TestData.utm(2 * 224, 224, 300000, 4200000, 10), 3, DataBuffer.TYPE_BYTE,
                    Double.NaN, (x, y, b) -> 50);
            CollectingWriter results = new CollectingWriter();
            try (ModelStore models = TestData.store(); GeoRaster raster = GeoRaster.open(input)) {
                new UnmixEngine(models).run(raster, AncillarySource.constant(
                        new AncillaryValues(TestData.ANCILLARY)), UnmixOptions.defaults(Level.N1),
                        ResultWriter.all(List.of(results, new GmlResultWriter(gml, gml3))), ProgressListener.NONE, () -> false);
            }
            String text = gml.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains(gml3 ? "srsName=\"urn:ogc:def:crs:EPSG::32630\"" : "epsg.xml#32630"), text);
            var read = GmlFeatures.read(new ByteArrayInputStream(gml.toByteArray()));
            assertEquals(2, read.features().size());
            assertEquals("window.1", read.features().get(1).id());
            assertTrue(read.features().get(1).geometry().equalsExact(results.results.get(1).footprint(), 1e-6));
            assertTrue(read.crs().getName().getCode().contains("UTM zone 30N"));
        }
    }
}
