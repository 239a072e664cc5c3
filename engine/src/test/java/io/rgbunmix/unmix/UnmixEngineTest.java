package io.rgbunmix.unmix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.TestData;
import io.rgbunmix.ancillary.AncillaryFeature;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.ancillary.FeatureJoin;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.RasterView;
import io.rgbunmix.raster.Rescale;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class UnmixEngineTest {
    private static final AncillarySource ANCILLARY = AncillarySource.constant(new AncillaryValues(TestData.ANCILLARY));

    @TempDir
    Path temp;
    private final ModelStore models = TestData.store();
    private final UnmixEngine engine = new UnmixEngine(models);

    @AfterEach
    void close() throws Exception {
        models.close();
    }

    /** Colour of window (row, col) of the test rasters: uniform inside each 224-pixel block. */
    private static double colour(int x, int y, int band) {
        int col = x / 224;
        int row = y / 224;
        return switch (band) {
            case 0 -> 20 + 40 * col;
            case 1 -> 30 + 50 * row;
            default -> 100;
        };
    }

    private Path raster(String name, int width, int height, int type, double noData, SyntheticRaster.Samples s)
            throws Exception {
        Path file = temp.resolve(name);
        SyntheticRaster.write(file, TestData.utm(width, height, 300000, 4200000, 10), 3, type, noData, s);
        return file;
    }

    private CollectingWriter run(Path file, AncillarySource ancillary, UnmixOptions options) throws Exception {
        CollectingWriter writer = new CollectingWriter();
        try (GeoRaster raster = GeoRaster.open(file)) {
            engine.run(raster, ancillary, options, writer, ProgressListener.NONE, () -> false);
        }
        return writer;
    }

    private static void assertModelAnswer(Level level, double r, double g, double b, WindowResult result) {
        double[] expected = TestData.abundance(level, r, g, b, TestData.ANCILLARY);
        double[] presence = TestData.presence(level, r, g, b, TestData.ANCILLARY);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], result.abundance()[k], 2e-6, "window " + result.window() + " class " + k);
            assertEquals(presence[k], result.presence()[k], 2e-6, "presence, window " + result.window());
        }
    }

    @Test
    void everyWindowGetsTheModelsAnswerForItsPixels() throws Exception {
        // 3 x 2 windows plus a partial column and row that must be left out
        Path file = raster("grid.tif", 3 * 224 + 50, 2 * 224 + 10, DataBuffer.TYPE_BYTE, Double.NaN,
                UnmixEngineTest::colour);
        CollectingWriter out = run(file, ANCILLARY, UnmixOptions.defaults(Level.N2));
        assertEquals(6, out.results.size());
        assertEquals(new RunSummary(6, 6, RunSummary.none()), out.summary);
        Reprojection toLonLat = new Reprojection(Crs.forCode("EPSG:32630"), Crs.LON_LAT);
        for (int i = 0; i < 6; i++) {
            WindowResult result = out.results.get(i);
            assertEquals(i, result.window().id(), "row-major order");
            int row = i / 3;
            int col = i % 3;
            assertEquals(row, result.window().row());
            assertEquals(col, result.window().col());
            assertModelAnswer(Level.N2, 20 + 40 * col, 30 + 50 * row, 100, result);
            double[] centre = toLonLat.apply(300000 + 2240 * col + 1120, 4200000 - 2240 * row - 1120);
            assertEquals(centre[0], result.centreLon(), 1e-12);
            assertEquals(centre[1], result.centreLat(), 1e-12);
            assertEquals(TestData.ANCILLARY[2], result.ancillary().get(2));
        }
    }

    @Test
    void overlappingWindowsWithAStrideBelow224() throws Exception {
        // red = floor(x / 2), so the mean red of a window starting at an even x0 is x0/2 + 55.5
        Path file = raster("stride.tif", 448, 448, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> b == 0 ? x / 2 : 60);
        CollectingWriter out = run(file, ANCILLARY, UnmixOptions.defaults(Level.N1).withStride(112));
        assertEquals(9, out.results.size());
        assertEquals(3, out.layout.grid().cols());
        WindowResult middle = out.results.get(4);
        assertEquals(112, middle.window().x());
        assertEquals(112, middle.window().y());
        assertModelAnswer(Level.N1, 112 / 2 + 55.5, 60, 60, middle);
        assertModelAnswer(Level.N1, 224 / 2 + 55.5, 60, 60, out.results.get(8));
    }

    @Test
    void bandOrderAndRescaleApply() throws Exception {
        // a 16-bit B02,B03,B04 stack (blue, green, red): bands 3,2,1 give RGB; 0..3000 -> 0..255
        Path file = raster("u16.tif", 224, 224, DataBuffer.TYPE_USHORT, Double.NaN,
                (x, y, b) -> new double[] {600, 1200, 2400}[b]);
        UnmixOptions options = UnmixOptions.defaults(Level.N1).withBands(new int[] {3, 2, 1})
                .withRescale(new Rescale(0, 3000));
        assertModelAnswer(Level.N1, 2400 * 255 / 3000.0, 1200 * 255 / 3000.0, 600 * 255 / 3000.0,
                run(file, ANCILLARY, options).results.get(0));
    }

    @Test
    void windowsAreSkippedForNoDataAndForMissingAncillaryAndCounted() throws Exception {
        // window (0,0) has its first 40 rows at nodata (0); windows of column 2 have no ancillary polygon
        Path file = raster("holes.tif", 3 * 224, 224, DataBuffer.TYPE_BYTE, 0,
                (x, y, b) -> x < 224 && y < 40 ? 0 : colour(x, y, b));
        var polygon = new GeometryFactory().createPolygon(new Coordinate[] {new Coordinate(299000, 4190000),
                new Coordinate(304480, 4190000), new Coordinate(304480, 4201000), new Coordinate(299000, 4201000),
                new Coordinate(299000, 4190000)});
        FeatureJoin join = new FeatureJoin(List.of(new AncillaryFeature("west", polygon,
                new AncillaryValues(TestData.ANCILLARY))), Crs.forCode("EPSG:32630"), Crs.forCode("EPSG:32630"));

        CollectingWriter strict = run(file, join, UnmixOptions.defaults(Level.N1));
        assertEquals(1, strict.results.size());
        assertEquals(1, strict.results.get(0).window().col());
        assertEquals(1, strict.summary.skipped(SkipReason.NODATA));
        assertEquals(1, strict.summary.skipped(SkipReason.NO_ANCILLARY));
        assertEquals("1 of 3 windows processed; 2 skipped: 1 with too little valid (non-nodata) area, "
                + "1 with no ancillary data for its footprint", strict.summary.describe());

        CollectingWriter lenient = run(file, join, UnmixOptions.defaults(Level.N1).withMinValidFraction(0.8));
        assertEquals(2, lenient.results.size());
        assertModelAnswer(Level.N1, 20, 30, 100, lenient.results.get(0)); // nodata filled with the valid mean
    }

    @Test
    void noWindowProcessedIsAnError() throws Exception {
        Path file = raster("empty.tif", 224, 224, DataBuffer.TYPE_BYTE, 0, (x, y, b) -> 0);
        CollectingWriter writer = new CollectingWriter();
        try (GeoRaster raster = GeoRaster.open(file)) {
            String message = assertThrows(UnmixException.class, () -> engine.run(raster, ANCILLARY,
                    UnmixOptions.defaults(Level.N1), writer, ProgressListener.NONE, () -> false)).getMessage();
            assertEquals("no window could be processed: 0 of 1 windows processed; 1 skipped: "
                    + "1 with too little valid (non-nodata) area", message);
        }
        assertNull(writer.summary, "writers are not finished on failure");
    }

    private String planError(Path file, UnmixOptions options) throws Exception {
        try (GeoRaster raster = GeoRaster.open(file)) {
            return assertThrows(UnmixException.class, () -> engine.run(raster, ANCILLARY, options,
                    new CollectingWriter(), ProgressListener.NONE, () -> false)).getMessage();
        }
    }

    @Test
    void inputsThatDoNotSuitTheModelAreRefusedBeforeAnyPixelIsRead() throws Exception {
        Path coarse = temp.resolve("coarse.tif");
        SyntheticRaster.write(coarse, TestData.utm(300, 300, 300000, 4200000, 30), 3, DataBuffer.TYPE_BYTE,
                Double.NaN, (x, y, b) -> 1);
        assertTrue(planError(coarse, UnmixOptions.defaults(Level.N1)).startsWith("coarse.tif: pixel size is 30.0"));

        Path u16 = raster("u16.tif", 300, 300, DataBuffer.TYPE_USHORT, Double.NaN, (x, y, b) -> 1);
        assertTrue(planError(u16, UnmixOptions.defaults(Level.N1)).contains("samples are 16-bit unsigned"));

        Path small = raster("small.tif", 200, 300, DataBuffer.TYPE_BYTE, Double.NaN, (x, y, b) -> 1);
        assertEquals("small.tif: the raster is 200 x 300 pixels, smaller than one 224 x 224 window",
                planError(small, UnmixOptions.defaults(Level.N1)));
        assertEquals("small.tif: band 4 asked for, but the raster has 3 band(s)",
                planError(small, UnmixOptions.defaults(Level.N1).withBands(new int[] {4, 2, 1})));
    }

    @Test
    void progressIsReportedAndCancellationStopsBetweenBatches() throws Exception {
        Path file = raster("many.tif", 4 * 224, 4 * 224, DataBuffer.TYPE_BYTE, Double.NaN, UnmixEngineTest::colour);
        List<long[]> reports = new ArrayList<>();
        try (GeoRaster raster = GeoRaster.open(file)) {
            engine.run(raster, ANCILLARY, UnmixOptions.defaults(Level.N1), new CollectingWriter(),
                    (done, total) -> reports.add(new long[] {done, total}), () -> false);
        }
        assertEquals(4, reports.size(), "one report per batch of 4 windows");
        assertEquals(16, reports.get(reports.size() - 1)[0]);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] > reports.get(i - 1)[0]);
            assertEquals(16, reports.get(i)[1]);
        }

        CollectingWriter writer = new CollectingWriter();
        List<Long> seen = new ArrayList<>();
        try (GeoRaster raster = GeoRaster.open(file)) {
            assertThrows(CancellationException.class, () -> engine.run(raster, ANCILLARY,
                    UnmixOptions.defaults(Level.N1), writer, (done, total) -> seen.add(done), () -> !seen.isEmpty()));
        }
        assertEquals(4, writer.results.size(), "stopped after the first batch");
        assertNull(writer.summary);
    }

    /**
     * A strip that cannot be read ends the run with the raster's error, and once the run has returned (the caller may
     * close the raster then) nothing reads the raster any more: not the inferring thread whose batch failed, nor
     * those whose batches were to come after it.
     */
    @Test
    void anUnreadableStripEndsTheRunAndNothingReadsAfterwards() throws Exception {
        Path file = raster("broken.tif", 4 * 224, 6 * 224, DataBuffer.TYPE_BYTE, Double.NaN, UnmixEngineTest::colour);
        AtomicBoolean returned = new AtomicBoolean();
        AtomicInteger readsAfter = new AtomicInteger();
        // three inferring threads: batches after the failing one are handed out before it fails
        try (ModelStore three = new ModelStore(TestData.MODELS, new InferenceSettings(4, 1, 3));
             GeoRaster raster = GeoRaster.open(file)) {
            RasterView breaking = new RasterView(raster) {
                @Override
                public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
                    try {
                        if (y0 >= 2 * 224) {
                            sleep(50);   // a slow failure: a read that follows it would outlast the run's end
                            throw new RasterException("broken.tif: the file is damaged or truncated at row " + y0);
                        }
                        return raster.readRows(y0, rows, bands);
                    } finally {
                        if (returned.get()) {
                            readsAfter.incrementAndGet();
                        }
                    }
                }
            };
            CollectingWriter writer = new CollectingWriter();
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> new UnmixEngine(three).run(breaking, ANCILLARY,
                    UnmixOptions.defaults(Level.N1), writer, ProgressListener.NONE, () -> false));
            returned.set(true);
            assertEquals("raster", e.input());
            assertEquals("broken.tif: the file is damaged or truncated at row 448", e.getMessage());
            assertTrue(writer.results.size() <= 8, "no window after the broken strip: " + writer.results.size());
            assertNull(writer.summary);
        }
        Thread.sleep(300);
        assertEquals(0, readsAfter.get(), "reads that ended after the run returned");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
