package io.rgbunmix.cli;

import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.model.OnnxModel;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.raster.GeoRaster;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.raster.SyntheticRaster;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import java.awt.geom.AffineTransform;
import java.awt.image.DataBuffer;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rgbunmix bench}: in one run on one machine, the model's raw throughput (ready
 * tensors straight into the session) and the end-to-end throughput of {@code run} on a
 * generated 10 m GeoTIFF (read, prepare, infer, write GeoJSON + CSV + GeoTIFF), and their ratio.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure raw model throughput and end-to-end throughput on a generated GeoTIFF.")
final class BenchCommand implements Callable<Integer> {
    private static final int COLUMNS = 16;
    private static final String ANCILLARY = "evapotranspiration=900,precipitation=380,elevation=520,slope=6,"
            + "temp_ave=16.6,temp_max=23.7,temp_min=10.1";

    @Option(names = "--level", defaultValue = "N1", paramLabel = "N1|N2", description = "Model level (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--windows", defaultValue = "320", paramLabel = "N",
            description = "Windows per measurement, rounded up to whole rows of " + COLUMNS + " (default: ${DEFAULT-VALUE}).")
    int windows;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        int rows = Math.max(1, (windows + COLUMNS - 1) / COLUMNS);
        int count = rows * COLUMNS;
        Path work = Files.createTempDirectory("rgbunmix-bench");
        try (ModelStore models = engine.store()) {
            OnnxModel model = models.forLevel(Level.parse(level));
            engine.out().printf(Locale.ROOT, "model %s (%s), batch %d, threads %s, %d windows per measurement%n",
                    model.card().id(), model.file(), models.settings().batchSize(),
                    models.settings().threads() == 0 ? "auto" : models.settings().threads(), count);

            double raw = rawThroughput(model, models.settings().batchSize(), count);
            engine.out().printf(Locale.ROOT, "raw model:   %8.1f windows/s (ONNX Runtime session on ready tensors)%n", raw);

            Path tif = work.resolve("bench.tif");
            RasterGeometry geometry = new RasterGeometry(COLUMNS * ModelContract.WINDOW, rows * ModelContract.WINDOW,
                    Crs.forCode("EPSG:32630"), new AffineTransform(10, 0, 0, -10, 300000, 4200000));
            Random random = new Random(42);
            SyntheticRaster.write(tif, geometry, 3, DataBuffer.TYPE_BYTE, Double.NaN,
                    (x, y, b) -> ((x / 7 + y / 5) * (b + 1) + random.nextInt(32)) & 0xFF);

            double endToEnd = endToEnd(models, tif, work, count);
            engine.out().printf(Locale.ROOT, "end-to-end:  %8.1f windows/s (read GeoTIFF, prepare, infer, write "
                    + "GeoJSON + CSV + GeoTIFF)%n", endToEnd);
            engine.out().printf(Locale.ROOT, "ratio end-to-end / raw: %.2f%n", endToEnd / raw);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private static double rawThroughput(OnnxModel model, int batchSize, int count) throws Exception {
        FloatBuffer images = ByteBuffer.allocateDirect(batchSize * ModelContract.WINDOW_FLOATS * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(7);
        while (images.hasRemaining()) {
            images.put(random.nextInt(256));
        }
        FloatBuffer ancillary = FloatBuffer.allocate(batchSize * ModelContract.ANCILLARY.size());
        ancillary.put(new float[ancillary.capacity()]);
        model.predict(images.flip(), ancillary.flip(), batchSize); // warm-up: first run allocates
        long start = System.nanoTime();
        int done = 0;
        while (done < count) {
            int n = Math.min(batchSize, count - done);
            model.predict(images.duplicate().position(0).limit(n * ModelContract.WINDOW_FLOATS),
                    ancillary.duplicate().position(0).limit(n * ModelContract.ANCILLARY.size()), n);
            done += n;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private double endToEnd(ModelStore models, Path tif, Path work, int count) throws Exception {
        long start = System.nanoTime();
        RunSummary summary;
        try (GeoRaster raster = GeoRaster.open(tif);
             OutputStream geojson = new BufferedOutputStream(Files.newOutputStream(work.resolve("a.geojson")));
             OutputStream csv = new BufferedOutputStream(Files.newOutputStream(work.resolve("a.csv")))) {
            ResultWriter writers = ResultWriter.all(List.of(new GeoJsonResultWriter(geojson), new CsvResultWriter(csv),
                    new GeoTiffResultWriter(work.resolve("a.tif"))));
            summary = new UnmixEngine(models).run(raster, AncillarySource.constant(AncillaryValues.parse(ANCILLARY)),
                    UnmixOptions.defaults(Level.parse(level)), writers, ProgressBar.forTerminal("windows"), () -> false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (summary.processed() != count) {
            throw new IllegalStateException("end-to-end run processed " + summary.processed() + " of " + count);
        }
        return count / seconds;
    }
}
