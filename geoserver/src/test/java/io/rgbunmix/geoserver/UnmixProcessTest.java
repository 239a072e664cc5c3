package io.rgbunmix.geoserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.output.ResultAttributes;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.unmix.WindowResult;
import java.awt.geom.AffineTransform;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.geoserver.wps.WPSException;
import org.geotools.api.feature.simple.SimpleFeature;
import org.geotools.api.feature.simple.SimpleFeatureType;
import org.geotools.api.metadata.spatial.PixelOrientation;
import org.geotools.api.parameter.ParameterValueGroup;
import org.geotools.coverage.grid.GridCoverage2D;
import org.geotools.coverage.processing.CoverageProcessor;
import org.geotools.data.DataUtilities;
import org.geotools.data.simple.SimpleFeatureCollection;
import org.geotools.data.simple.SimpleFeatureIterator;
import org.geotools.data.util.DefaultProgressListener;
import org.geotools.gce.geotiff.GeoTiffReader;
import org.geotools.geometry.jts.ReferencedEnvelope;
import org.geotools.process.ProcessException;
import org.geotools.referencing.CRS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adapter against the engine itself: the process in GeoServer must give, for a coverage
 * that GeoTools read, exactly what the engine gives for the same file read by Apache SIS.
 */
class UnmixProcessTest {
    private static final Path SCENE = Path.of("samples/scene.tif");
    private static UnmixModels models;
    private static GridCoverage2D scene;

    @TempDir
    Path temp;

    @BeforeAll
    static void load() throws Exception {
        models = new UnmixModels(TestData.MODELS, new InferenceSettings(4, 1));
        scene = new GeoTiffReader(SCENE.toFile()).read(null);
    }

    @AfterAll
    static void close() throws Exception {
        models.close();
        scene.dispose(true);
    }

    private static Map<String, Object> run(GridCoverage2D raster, SimpleFeatureCollection ancillary, String values,
                                           Level level, org.geotools.api.util.ProgressListener monitor) {
        return run(models, inputs(raster, ancillary, values, level), monitor);
    }

    /** The inputs as GeoServer hands them over: only those given, typed as the factory declares them. */
    private static Map<String, Object> inputs(GridCoverage2D raster, SimpleFeatureCollection ancillary, String values,
                                              Level level) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("raster", raster);
        if (ancillary != null) {
            inputs.put("ancillary", ancillary);
        }
        if (values != null) {
            inputs.put("ancillaryValues", values);
        }
        inputs.put("level", level.name());
        return inputs;
    }

    private static Map<String, Object> run(UnmixModels with, Map<String, Object> inputs,
                                           org.geotools.api.util.ProgressListener monitor) {
        return new UnmixProcess(ProcessDescriptions.ESTIMATE_ABUNDANCES, with).execute(inputs, monitor);
    }

    /** What the engine gives over the file, read by Apache SIS. */
    private static List<WindowResult> engineOnFile(Level level) throws Exception {
        List<WindowResult> results = new ArrayList<>();
        try (GeoRaster raster = GeoRaster.open(SCENE)) {
            new UnmixEngine(models.store()).run(raster,
                    AncillarySource.constant(AncillaryValues.parse(TestData.ANCILLARY_TEXT)),
                    UnmixOptions.defaults(level), new ResultWriter() {
                        @Override
                        public void begin(RunLayout layout) {
                        }

                        @Override
                        public void write(WindowResult result) {
                            results.add(result);
                        }

                        @Override
                        public void finish(RunSummary summary) {
                        }
                    }, ProgressListener.NONE, () -> false);
        }
        return results;
    }

    private static List<SimpleFeature> features(Object result) {
        List<SimpleFeature> list = new ArrayList<>();
        try (SimpleFeatureIterator it = ((SimpleFeatureCollection) result).features()) {
            while (it.hasNext()) {
                list.add(it.next());
            }
        }
        return list;
    }

    @Test
    void aGeoToolsCoverageGivesTheEnginesAbundancesForTheSameFile() throws Exception {
        List<WindowResult> expected = engineOnFile(Level.N2);
        List<SimpleFeature> got = features(run(scene, null, TestData.ANCILLARY_TEXT, Level.N2, null).get("result"));
        assertEquals(100, expected.size());
        assertEquals(expected.size(), got.size());
        var classes = models.store().forLevel(Level.N2).card().classes();
        for (int i = 0; i < expected.size(); i++) {
            WindowResult e = expected.get(i);
            SimpleFeature f = got.get(i);
            assertEquals(e.window().id(), f.getAttribute("window_id"));
            for (int k = 0; k < classes.size(); k++) {
                assertEquals(e.percent(k), (Double) f.getAttribute(classes.get(k).key()), 1e-5);
            }
            assertTrue(e.footprint().equalsExact((org.locationtech.jts.geom.Geometry) f.getDefaultGeometry(), 1e-6));
        }
    }

    @Test
    void theResultFeatureTypeHasTheEnginesAttributesAndTheRasterCrs() throws Exception {
        SimpleFeatureCollection result = (SimpleFeatureCollection) run(scene, null, TestData.ANCILLARY_TEXT, Level.N1,
                null).get("result");
        SimpleFeatureType type = result.getSchema();
        assertEquals(Integer.valueOf(32630), CRS.lookupEpsgCode(type.getCoordinateReferenceSystem(), false));
        assertEquals("footprint", type.getGeometryDescriptor().getLocalName());
        assertEquals(org.locationtech.jts.geom.Polygon.class, type.getGeometryDescriptor().getType().getBinding());
        List<String> names = type.getAttributeDescriptors().stream().map(d -> d.getLocalName()).toList();
        List<String> expected = new ArrayList<>(List.of("footprint"));
        expected.addAll(ResultAttributes.names(models.store().forLevel(Level.N1).card()));
        assertEquals(expected, names);
        assertTrue(names.containsAll(List.of("artificial", "dominant_class", "masked_fraction", "dates_used")), names.toString());
        assertEquals(Long.class, type.getDescriptor("window_id").getType().getBinding());
        assertEquals(Integer.class, type.getDescriptor("row").getType().getBinding());
        assertEquals(Double.class, type.getDescriptor("wetlands_and_riverine_forests").getType().getBinding());
        assertEquals(String.class, type.getDescriptor("dominant_class").getType().getBinding());
        assertEquals(100, result.size());
    }

    @Test
    void theAbundanceCoverageHasOnePixelPerWindowOnTheSourceGrid() throws Exception {
        Map<String, Object> outputs = run(scene, null, TestData.ANCILLARY_TEXT, Level.N1, null);
        GridCoverage2D coverage = assertInstanceOf(GridCoverage2D.class, outputs.get("abundanceRaster"));
        Raster pixels = coverage.getRenderedImage().getData();
        assertEquals(10, pixels.getWidth());
        assertEquals(10, pixels.getHeight());
        assertEquals(4, pixels.getNumBands());
        AffineTransform corner = (AffineTransform) coverage.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        AffineTransform source = (AffineTransform) scene.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        assertEquals(source.getTranslateX(), corner.getTranslateX(), 1e-6);
        assertEquals(source.getTranslateY(), corner.getTranslateY(), 1e-6);
        assertEquals(source.getScaleX() * ModelContract.WINDOW, corner.getScaleX(), 1e-9);
        assertEquals(source.getScaleY() * ModelContract.WINDOW, corner.getScaleY(), 1e-9);
        for (SimpleFeature f : features(outputs.get("result"))) {
            int row = (Integer) f.getAttribute("row");
            int col = (Integer) f.getAttribute("col");
            assertEquals((Double) f.getAttribute("wetlands_and_riverine_forests"), pixels.getSampleFloat(col, row, 3), 1e-4);
        }
    }

    @Test
    void aCroppedCoverageKeepsItsPlaceInTheParentGrid() throws Exception {
        // Crop to windows (1..3, 2..4) of the scene, as ras:CropCoverage does: the crop's image
        // keeps the parent's pixel coordinates, which the adapter must take off.
        AffineTransform g = (AffineTransform) scene.getGridGeometry().getGridToCRS2D(PixelOrientation.UPPER_LEFT);
        double x0 = g.getTranslateX() + 2 * 224 * g.getScaleX();
        double y0 = g.getTranslateY() + 1 * 224 * g.getScaleY();
        ReferencedEnvelope box = new ReferencedEnvelope(x0 + 1, x0 + 3 * 2240 - 1, y0 - 3 * 2240 + 1, y0 - 1,
                scene.getCoordinateReferenceSystem2D());
        CoverageProcessor processor = CoverageProcessor.getInstance();
        ParameterValueGroup crop = processor.getOperation("CoverageCrop").getParameters();
        crop.parameter("Source").setValue(scene);
        crop.parameter("Envelope").setValue(new org.geotools.geometry.GeneralBounds(box));
        GridCoverage2D cropped = (GridCoverage2D) processor.doOperation(crop);
        assertTrue(cropped.getGridGeometry().getGridRange2D().x > 0, "the crop keeps the parent's grid coordinates");

        List<SimpleFeature> got = features(run(cropped, null, TestData.ANCILLARY_TEXT, Level.N1, null).get("result"));
        List<WindowResult> whole = engineOnFile(Level.N1);
        assertEquals(9, got.size());
        for (SimpleFeature f : got) {
            int row = (Integer) f.getAttribute("row");
            int col = (Integer) f.getAttribute("col");
            WindowResult same = whole.stream().filter(r -> r.window().row() == row + 1 && r.window().col() == col + 2)
                    .findFirst().orElseThrow();
            assertEquals(same.percent(0), (Double) f.getAttribute("artificial"), 1e-5);
            assertTrue(same.footprint().equalsExact((org.locationtech.jts.geom.Geometry) f.getDefaultGeometry(), 1e-6));
        }
    }

    @Test
    void ancillaryFeaturesAreJoinedByTheEngine() throws Exception {
        // One polygon over the whole scene, in EPSG:4326: every window takes its values.
        var type = DataUtilities.createType("anc", "geom:Polygon:srid=4326,evapotranspiration:Double,"
                + "precipitation:Double,elevation:Double,slope:Double,temp_ave:Double,temp_max:Double,temp_min:Double");
        var polygon = new org.locationtech.jts.io.WKTReader().read("POLYGON((-5 36, -2 36, -2 38.5, -5 38.5, -5 36))");
        SimpleFeature feature = org.geotools.feature.simple.SimpleFeatureBuilder.build(type,
                new Object[] {polygon, 894.2, 376.1, 519.7, 6.1, 16.6, 23.7, 10.1}, "anc.1");
        SimpleFeatureCollection ancillary = DataUtilities.collection(feature);
        List<SimpleFeature> fromFeatures = features(run(scene, ancillary, null, Level.N1, null).get("result"));
        List<SimpleFeature> fromValues = features(run(scene, null, TestData.ANCILLARY_TEXT, Level.N1, null).get("result"));
        assertEquals(100, fromFeatures.size());
        for (int i = 0; i < fromFeatures.size(); i++) {
            assertEquals(519.7, (Double) fromFeatures.get(i).getAttribute("elevation"), 1e-9);
            assertEquals((Double) fromValues.get(i).getAttribute("artificial"),
                    (Double) fromFeatures.get(i).getAttribute("artificial"), 1e-5);
        }
    }

    @Test
    void aFeatureWithoutTheSevenAttributesIsRefusedByName() throws Exception {
        var type = DataUtilities.createType("anc", "geom:Polygon:srid=4326,elevation:Double");
        var polygon = new org.locationtech.jts.io.WKTReader().read("POLYGON((-5 36, -2 36, -2 38.5, -5 38.5, -5 36))");
        SimpleFeatureCollection ancillary = DataUtilities.collection(
                org.geotools.feature.simple.SimpleFeatureBuilder.build(type, new Object[] {polygon, 500.0}, "anc.7"));
        WPSException e = assertThrows(WPSException.class, () -> run(scene, ancillary, null, Level.N1, null));
        assertTrue(e.getMessage().contains("anc.7") && e.getMessage().contains("evapotranspiration"), e.getMessage());
        assertEquals("ancillary", e.getLocator());
    }

    /** A listener that keeps every percentage GeoServer would see, and is dismissed at the first when asked. */
    private static DefaultProgressListener recording(List<Float> seen, boolean dismissAtOnce) {
        return new DefaultProgressListener() {
            @Override
            public void progress(float percent) {
                super.progress(percent);
                seen.add(percent);
                if (dismissAtOnce) {
                    setCanceled(true);
                }
            }
        };
    }

    @Test
    void progressReachesTheListenerAndCancellationStopsTheRun() {
        List<Float> seen = new ArrayList<>();
        DefaultProgressListener watching = recording(seen, false);
        run(scene, null, TestData.ANCILLARY_TEXT, Level.N1, watching);
        assertFalse(seen.isEmpty());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) >= seen.get(i - 1), "progress never goes back: " + seen);
        }
        assertEquals(100f, seen.get(seen.size() - 1), 1e-4);
        assertTrue(watching.isCompleted());

        // Dismiss in GeoServer cancels the listener: the run stops between batches.
        List<Float> before = new ArrayList<>();
        DefaultProgressListener dismissed = recording(before, true);
        ProcessException e = assertThrows(ProcessException.class,
                () -> run(scene, null, TestData.ANCILLARY_TEXT, Level.N1, dismissed));
        assertTrue(e.getMessage().contains("dismissed"), e.getMessage());
        assertEquals(1, before.size(), "stopped at the first batch boundary after the cancellation");
    }

    @Test
    void missingModelsAreAClearProcessError() throws Exception {
        try (UnmixModels none = new UnmixModels(temp.resolve("rgbunmix/models"), InferenceSettings.DEFAULT)) {
            ProcessException e = assertThrows(ProcessException.class,
                    () -> run(none, inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1), null));
            assertTrue(e.getMessage().contains("no rgbunmix models are installed")
                    && e.getMessage().contains(temp.resolve("rgbunmix/models").toString()), e.getMessage());
        }
        assertEquals(Path.of("/data/rgbunmix/models"), UnmixModels.folder(null, Path.of("/data")));
        assertEquals(Path.of("/opt/models"), UnmixModels.folder(" /opt/models ", Path.of("/data")));
    }

    /** The refusal GeoServer writes as an ExceptionReport: its locator is the input. */
    private static WPSException refused(Map<String, Object> inputs) {
        return assertThrows(WPSException.class, () -> run(models, inputs, null));
    }

    @Test
    void badInputsAreRefusedWithTheInputsNameAsLocator() {
        Map<String, Object> bands = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        bands.put("bands", "1,2");
        assertEquals("bands", refused(bands).getLocator());
        Map<String, Object> stride = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        stride.put("stride", 0);
        WPSException strideRefused = refused(stride);
        assertEquals("stride", strideRefused.getLocator());
        assertTrue(strideRefused.getMessage().contains("between 1 and 224"), strideRefused.getMessage());
        Map<String, Object> level = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        level.put("level", "N3");
        assertEquals("level", refused(level).getLocator());
        Map<String, Object> none = inputs(scene, null, null, Level.N1);
        WPSException noAncillary = refused(none);
        assertEquals("ancillary", noAncillary.getLocator());
        Map<String, Object> names = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        names.put("bands", "B04,B03,B02");
        assertEquals("bands", refused(names).getLocator());
    }

    @Test
    void twoDatesOfOneCoverageWithTheirMasksMakeAComposite() throws Exception {
        // the same scene twice: the median of two equal dates is the scene, and each window says it used both
        Map<String, Object> once = run(scene, null, TestData.ANCILLARY_TEXT, Level.N1, null);
        Map<String, Object> twice = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        twice.put("raster", List.of(scene, scene));
        List<SimpleFeature> a = features(once.get("result"));
        List<SimpleFeature> b = features(run(models, twice, null).get("result"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals((Double) a.get(i).getAttribute("artificial"), (Double) b.get(i).getAttribute("artificial"), 1e-5);
            assertEquals(2, b.get(i).getAttribute("dates_used"));
        }
        Map<String, Object> oneMask = inputs(scene, null, TestData.ANCILLARY_TEXT, Level.N1);
        oneMask.put("raster", List.of(scene, scene));
        oneMask.put("mask", List.of(scene));
        assertEquals("mask", refused(oneMask).getLocator());
    }

    @Test
    void aChangeReportsProgressOverBothPeriodsAndGivesFeaturesAndACoverage() throws Exception {
        // the shipped models state their error, which a change is weighed by
        try (UnmixModels shipped = new UnmixModels(Path.of("models"), new InferenceSettings(4, 1))) {
            List<Float> seen = new ArrayList<>();
            DefaultProgressListener watching = recording(seen, false);
            Map<String, Object> inputs = new HashMap<>(Map.of("before", scene, "after", scene,
                    "ancillaryValues", TestData.ANCILLARY_TEXT, "level", "N1"));
            Map<String, Object> outputs = new UnmixProcess(ProcessDescriptions.ESTIMATE_CHANGE, shipped)
                    .execute(inputs, watching);
            assertEquals(100f, seen.get(seen.size() - 1), 1e-4);
            assertTrue(seen.stream().anyMatch(p -> p > 40 && p < 60), "half way after the first period: " + seen);
            List<SimpleFeature> changes = features(outputs.get("change"));
            assertEquals(100, changes.size());
            // the same scene twice: no class changes anywhere
            assertTrue(changes.stream().allMatch(f -> Boolean.FALSE.equals(f.getAttribute("likely_change"))));
            GridCoverage2D raster = assertInstanceOf(GridCoverage2D.class, outputs.get("changeRaster"));
            assertEquals(0f, raster.getRenderedImage().getData().getSampleFloat(3, 4, 0), 1e-6);
        }
    }
}
