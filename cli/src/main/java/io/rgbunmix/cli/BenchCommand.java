package io.rgbunmix.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rgbunmix.ancillary.AncillarySource;
import io.rgbunmix.ancillary.AncillaryValues;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.model.OnnxModel;
import io.rgbunmix.output.CsvResultWriter;
import io.rgbunmix.output.GeoJsonResultWriter;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.RasterSource;
import io.rgbunmix.raster.RasterView;
import io.rgbunmix.raster.Strip;
import io.rgbunmix.unmix.ProgressListener;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.UnmixEngine;
import io.rgbunmix.unmix.UnmixOptions;
import io.rgbunmix.windows.WindowGrid;
import java.io.BufferedOutputStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rgbunmix bench}: the model's raw throughput (ready tensors through the same inferring
 * threads as a run) against the end-to-end throughput of {@code run} on a GeoTIFF (read, prepare,
 * infer, write GeoJSON + CSV + GeoTIFF), on equal window counts, after a warm-up, interleaved and
 * repeated, with the load of other processes during the measurement and the time the JIT spent compiling in it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure raw model throughput against end-to-end throughput on a GeoTIFF (default: the "
                + "installation's samples/scene.tif, 100 windows of EuroSAT texture, tiled DEFLATE).")
final class BenchCommand implements Callable<Integer> {
    private static final String ANCILLARY = "evapotranspiration=900,precipitation=380,elevation=520,slope=6,"
            + "temp_ave=16.6,temp_max=23.7,temp_min=10.1";

    @Option(names = "--level", defaultValue = "N1", paramLabel = "N1|N2", description = "Model level (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--raster", paramLabel = "FILE",
            description = "The raster to run end to end, of any kind run reads from a file: GeoTIFF, JPEG 2000, "
                    + "SAFE (default: samples/scene.tif of the installation).")
    Path raster;

    @Option(names = "--repeats", defaultValue = "5", paramLabel = "N",
            description = "Measurements of each kind, interleaved (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warm-ups", defaultValue = "3", paramLabel = "N",
            description = "Unmeasured rounds of each kind first, while ONNX Runtime allocates its arenas and the JIT "
                    + "compiles the run's paths (default: ${DEFAULT-VALUE}).")
    int warmUps;

    @Option(names = "--json", description = "Print the results as one JSON document instead of text.")
    boolean json;

    @Option(names = "--decoded", description = "Also run end to end over the raster's strips decoded beforehand and "
            + "held in memory: the pipeline without its decoding (needs memory for the whole raster as floats).")
    boolean decoded;

    @Mixin
    EngineOptions engine;

    /**
     * One measurement: its throughput, the process's CPU time (every thread, native ones too) per window, and the
     * time the JIT's threads spent compiling during it (0 where the JVM does not say).
     */
    record Measure(double windowsPerSecond, double cpuMillisPerWindow, long jitMillis) {
    }

    /** The process's CPU time so far, in nanoseconds: what a window costs the machine, whichever thread spends it. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The time the JIT's threads have spent compiling so far, in milliseconds, or -1. A 100-window run calls its
     * per-window code a few hundred times, so C2 compiles some of it only after several rounds, and one such
     * compilation took 450 ms of a core in the middle of a measurement (docs/performance.md): this says how much of
     * what the pipeline adds was the JIT's.
     */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /** Where a measurement began: the process's CPU time, the clock, and the JIT's compiling time. */
    private record Mark(long cpuNanos, long nanos, long compiledMillis) {
        static Mark now() {
            return new Mark(processCpuNanos(), System.nanoTime(), jitMillis());
        }

        /** The measurement of {@code windows} windows from this mark to now. */
        Measure measure(int windows) {
            double seconds = (System.nanoTime() - nanos) / 1e9;
            double cpuMillis = (processCpuNanos() - cpuNanos) / 1e6 / windows;
            return new Measure(windows / seconds, cpuMillis, jitMillis() - compiledMillis);
        }
    }

    /** Median and spread of one kind of measurement, in windows per second. */
    record Figures(double median, double min, double max, List<Double> runs) {
        static Figures of(List<Double> runs) {
            List<Double> sorted = runs.stream().sorted().toList();
            int n = sorted.size();
            double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
            return new Figures(median, sorted.get(0), sorted.get(n - 1), List.copyOf(runs));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || warmUps < 0) {
            throw new IllegalArgumentException("--repeats must be at least 1 and --warm-ups at least 0, got " + repeats
                    + " and " + warmUps);
        }
        Path file = raster != null ? raster : Installation.home().map(h -> h.resolve("samples").resolve("scene.tif"))
                .filter(Files::isRegularFile).orElseThrow(() -> new IllegalArgumentException(
                        "no samples/scene.tif in the installation: name a GeoTIFF with --raster"));
        Level chosen = Level.parse(level);
        Path work = Files.createTempDirectory("rgbunmix-bench");
        try (ModelStore models = engine.store()) {
            OnnxModel model = models.forLevel(chosen);
            long windows;
            try (OpenedRaster input = open(file)) {
                windows = new WindowGrid(input.source().geometry().width(), input.source().geometry().height(),
                        ModelContract.WINDOW,
                        ModelContract.WINDOW).count();
            }
            int count = Math.toIntExact(windows);
            // the first runs allocate ONNX Runtime's arenas and compile the Java paths: on a raster of 100 windows,
            // the JIT still compiles the once-a-run code (opening, the writers' ends) through the second round, and
            // C2 the per-window code through several more (the report says how long it compiled while measured)
            for (int w = 0; w < warmUps; w++) {
                raw(models, model, count);
                endToEnd(models, file, work, chosen, count);
            }
            OpenedRaster held = decoded ? open(file) : null;
            DecodedStrips strips = decoded ? new DecodedStrips(held.source()) : null;
            List<Double> inMemory = new ArrayList<>();
            List<Double> inMemoryCpu = new ArrayList<>();

            CpuLoad load = CpuLoad.start();
            List<Double> raw = new ArrayList<>();
            List<Double> endToEnd = new ArrayList<>();
            List<Double> rawCpu = new ArrayList<>();
            List<Double> endToEndCpu = new ArrayList<>();
            long rawJit = 0;
            long endToEndJit = 0;
            for (int r = 0; r < repeats; r++) {
                Measure model1 = raw(models, model, count);
                Measure whole = endToEnd(models, file, work, chosen, count);
                raw.add(model1.windowsPerSecond());
                rawCpu.add(model1.cpuMillisPerWindow());
                endToEnd.add(whole.windowsPerSecond());
                endToEndCpu.add(whole.cpuMillisPerWindow());
                rawJit += model1.jitMillis();
                endToEndJit += whole.jitMillis();
                if (strips != null) {
                    Measure memory = endToEnd(models, strips, work, chosen, count);
                    inMemory.add(memory.windowsPerSecond());
                    inMemoryCpu.add(memory.cpuMillisPerWindow());
                }
            }
            CpuLoad.Reading others = load.stop();
            if (held != null) {
                held.close();
            }
            Map<String, Object> report = report(models, model, file, count, Figures.of(raw), Figures.of(endToEnd),
                    others);
            report.put("rawCpuMillisPerWindow", Figures.of(rawCpu));
            report.put("endToEndCpuMillisPerWindow", Figures.of(endToEndCpu));
            // the OS counts CPU time in ticks (10 ms): a few fast windows may show none, and then no share
            double share = Figures.of(endToEndCpu).median() / Figures.of(rawCpu).median() - 1;
            report.put("pipelineCpuShareOfModel", Double.isFinite(share) ? share : null);
            boolean jitTimed = jitMillis() >= 0;
            report.put("rawJitCompileMillis", jitTimed ? rawJit : null);
            report.put("endToEndJitCompileMillis", jitTimed ? endToEndJit : null);
            if (strips != null) {
                report.put("decodedEndToEndWindowsPerSecond", Figures.of(inMemory));
                report.put("decodedEndToEndCpuMillisPerWindow", Figures.of(inMemoryCpu));
                report.put("decodedRatioOfMedians", Figures.of(inMemory).median() / Figures.of(raw).median());
            }
            if (json) {
                engine.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(report));
            } else {
                printText(report, Figures.of(raw), Figures.of(endToEnd), others);
                if (strips != null) {
                    engine.out().printf(Locale.ROOT, "end-to-end over strips decoded beforehand: median %.1f windows/s, "
                            + "ratio %.2f, CPU per window %.2f ms%n", Figures.of(inMemory).median(),
                            (double) report.get("decodedRatioOfMedians"), Figures.of(inMemoryCpu).median());
                }
                engine.out().printf(Locale.ROOT, "CPU per window (median): raw model %.2f ms, end-to-end %.2f ms%s%n",
                        Figures.of(rawCpu).median(), Figures.of(endToEndCpu).median(),
                        Double.isFinite(share) ? String.format(Locale.ROOT, ": the pipeline adds %.1f %% of the model's "
                                + "CPU", 100 * share) : "");
                if (jitTimed) {
                    double endToEndMillis = endToEnd.stream().mapToDouble(perSecond -> 1000 * count / perSecond).sum();
                    engine.out().printf(Locale.ROOT, "the JIT compiled for %d ms during the end-to-end runs, %d ms during "
                            + "the raw ones%s%n", endToEndJit, rawJit, endToEndJit > 0.02 * endToEndMillis
                            ? ": it was still compiling the run's paths, and more --warm-ups measure what follows" : "");
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private Map<String, Object> report(ModelStore models, OnnxModel model, Path file, int count, Figures raw,
                                       Figures endToEnd, CpuLoad.Reading others) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.card().id());
        report.put("raster", file.getFileName().toString());
        report.put("windowsPerMeasurement", count);
        report.put("batchSize", models.settings().batchSize());
        report.put("intraOpThreads", models.settings().threads());
        report.put("inferenceThreads", models.settings().inferringThreads());
        report.put("repeats", repeats);
        report.put("warmUps", warmUps);
        report.put("rawWindowsPerSecond", raw);
        report.put("endToEndWindowsPerSecond", endToEnd);
        report.put("ratioOfMedians", endToEnd.median() / raw.median());
        report.put("cores", others.cores());
        report.put("otherProcessesCores", others.otherCores());
        return report;
    }

    private void printText(Map<String, Object> report, Figures raw, Figures endToEnd, CpuLoad.Reading others) {
        var out = engine.out();
        out.printf(Locale.ROOT, "model %s, raster %s, %d windows per measurement, batch %d, %d inferring thread(s) x "
                        + "%s intra-op, %d repeats (interleaved, after %d warm-up rounds)%n", report.get("model"),
                report.get("raster"), report.get("windowsPerMeasurement"), report.get("batchSize"),
                report.get("inferenceThreads"), (int) report.get("intraOpThreads") == 0 ? "auto"
                        : report.get("intraOpThreads"), repeats, warmUps);
        out.printf(Locale.ROOT, "raw model:   median %7.1f windows/s (min %.1f, max %.1f)%n", raw.median(), raw.min(),
                raw.max());
        out.printf(Locale.ROOT, "end-to-end:  median %7.1f windows/s (min %.1f, max %.1f) (read, prepare, infer, write "
                + "GeoJSON + CSV + GeoTIFF)%n", endToEnd.median(), endToEnd.min(), endToEnd.max());
        out.printf(Locale.ROOT, "ratio of medians end-to-end / raw: %.2f%n", endToEnd.median() / raw.median());
        out.printf(Locale.ROOT, "other processes used %.2f of %d cores on average during the measurement%s%n",
                others.otherCores(), others.cores(), others.otherCores() > 0.25 ? ": the figures are not to be trusted"
                        : "");
    }

    /** Ready tensors through the store's inferring threads, as a run uses them. */
    private static Measure raw(ModelStore models, OnnxModel model, int count) throws Exception {
        int batchSize = models.settings().batchSize();
        FloatBuffer images = ByteBuffer.allocateDirect(batchSize * ModelContract.WINDOW_FLOATS * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        Random random = new Random(7);
        while (images.hasRemaining()) {
            images.put(random.nextInt(256));
        }
        FloatBuffer ancillary = ByteBuffer.allocateDirect(batchSize * ModelContract.ANCILLARY.size() * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        int inferring = models.settings().inferringThreads();
        Deque<Future<?>> inFlight = new ArrayDeque<>();
        Mark mark = Mark.now();
        for (int done = 0; done < count; ) {
            int n = Math.min(batchSize, count - done);
            FloatBuffer batchImages = images.duplicate().position(0).limit(n * ModelContract.WINDOW_FLOATS);
            FloatBuffer batchAncillary = ancillary.duplicate().position(0).limit(n * ModelContract.ANCILLARY.size());
            inFlight.add(models.inference().submit(() -> model.predict(batchImages, batchAncillary, n)));
            done += n;
            if (inFlight.size() >= inferring) {
                inFlight.removeFirst().get();
            }
        }
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().get();
        }
        return mark.measure(count);
    }

    /** Any local raster input the run command reads: GeoTIFF, JPEG 2000, a SAFE product. */
    private static OpenedRaster open(Path file) throws RasterException {
        return new RasterInputs(null, true).open(file, file.getFileName().toString(), List.of());
    }

    private static Measure endToEnd(ModelStore models, Path file, Path work, Level level, int count) throws Exception {
        Mark mark = Mark.now();
        try (OpenedRaster raster = open(file)) {
            return endToEnd(models, raster.source(), work, level, count, mark);
        }
    }

    /** The same over strips decoded beforehand: every step of the pipeline but the reading. */
    private static Measure endToEnd(ModelStore models, RasterSource raster, Path work, Level level, int count)
            throws Exception {
        return endToEnd(models, raster, work, level, count, Mark.now());
    }

    private static Measure endToEnd(ModelStore models, RasterSource raster, Path work, Level level, int count,
                                    Mark mark) throws Exception {
        RunSummary summary;
        try (
             OutputStream geojson = new BufferedOutputStream(Files.newOutputStream(work.resolve("a.geojson")));
             OutputStream csv = new BufferedOutputStream(Files.newOutputStream(work.resolve("a.csv")))) {
            ResultWriter writers = ResultWriter.all(List.of(new GeoJsonResultWriter(geojson), new CsvResultWriter(csv),
                    new GeoTiffResultWriter(work.resolve("a.tif"))));
            summary = new UnmixEngine(models).run(raster, AncillarySource.constant(AncillaryValues.parse(ANCILLARY)),
                    UnmixOptions.defaults(level), writers, ProgressListener.NONE, () -> false);
        }
        Measure measure = mark.measure(count);
        if (summary.processed() != count) {
            throw new IllegalStateException("the end-to-end run processed " + summary.processed() + " of " + count
                    + " windows (some were skipped: " + summary.describe() + ")");
        }
        return measure;
    }

    /** A raster's strips of whole windows, as the engine reads them, decoded once and held as floats. */
    private static final class DecodedStrips extends RasterView {
        private final Map<Integer, Strip> strips = new HashMap<>();

        DecodedStrips(RasterSource source) throws RasterException {
            super(source);
            int[] rgb = {0, 1, 2};
            for (int y = 0; y + ModelContract.WINDOW <= source.geometry().height(); y += ModelContract.WINDOW) {
                strips.put(y, source.readRows(y, ModelContract.WINDOW, rgb));
            }
        }

        @Override
        public Strip readRows(int y0, int rows, int[] bands) throws RasterException {
            Strip strip = strips.get(y0);
            if (strip == null || rows != ModelContract.WINDOW || !Arrays.equals(bands, new int[] {0, 1, 2})) {
                throw new RasterException("the decoded strips hold windows' rows of bands 1, 2 and 3 only");
            }
            return strip;
        }
    }

    /**
     * The machine's CPU time spent outside this process during a measurement, from /proc/stat and
     * /proc/self/stat (Linux); zero where /proc is absent.
     */
    record CpuLoad(long machineBusy, long own, long wallNanos) {
        record Reading(int cores, double otherCores) {
        }

        static CpuLoad start() {
            return new CpuLoad(machineBusyTicks(), ownTicks(), System.nanoTime());
        }

        Reading stop() {
            double seconds = (System.nanoTime() - wallNanos) / 1e9;
            long others = (machineBusyTicks() - machineBusy) - (ownTicks() - own);
            // the kernel counts CPU time in clock ticks of 1/100 s (USER_HZ) on every Linux platform Java runs on
            return new Reading(Runtime.getRuntime().availableProcessors(), Math.max(0, others / 100.0 / seconds));
        }

        private static long machineBusyTicks() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < cpu.length; i++) {
                    if (i != 4 && i != 5 && i < 9) {   // all but idle and iowait; guest time is in user already
                        busy += Long.parseLong(cpu[i]);
                    }
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        private static long ownTicks() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime + stime
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
