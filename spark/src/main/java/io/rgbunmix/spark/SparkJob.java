package io.rgbunmix.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rgbunmix.binding.CheckedRun;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.model.ModelContract;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.output.AbundanceGrid;
import io.rgbunmix.output.GeoTiffResultWriter;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.windows.WindowGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code spark-submit ... rgbunmix-spark.jar --rasters LIST --out DIR}: every raster of the list, split
 * into tasks of window rows, run on the cluster's executors by the same engine as {@code rgbunmix run}.
 * Writes {@code DIR/abundances.parquet/} (GeoParquet, a row per window), {@code DIR/rasters/<id>.tif}
 * (the abundance GeoTIFF of each raster, as run writes it) and {@code DIR/summary.json}. Each raster is
 * its own pair of Spark jobs (its header, then its rows), so a raster whose tasks fail on every attempt
 * is reported in the summary while the others complete.
 */
@Command(name = "rgbunmix-spark", mixinStandardHelpOptions = true, version = "rgbunmix-spark 0.1.0",
        description = "Land-cover abundances for every window of many rasters, on Apache Spark.")
public final class SparkJob implements Callable<Integer> {
    @Option(names = "--rasters", required = true, paramLabel = "LIST",
            description = "A folder (its .tif and .jp2 files), a glob, or a file of paths, one per line; on storage "
                    + "every executor sees.")
    String rasters;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (on shared storage).")
    Path out;

    @Option(names = "--models", required = true, paramLabel = "DIR", description = "Models folder, seen by every executor.")
    String models;

    @Option(names = "--rows-per-task", defaultValue = "8",
            description = "Window rows per task; a raster of more rows is spread over several (default: ${DEFAULT-VALUE}).")
    int rowsPerTask;

    @Option(names = "--batch-size", defaultValue = "16", description = "Windows per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--inference-threads", defaultValue = "0",
            description = "Inferring threads per executor JVM, shared by its tasks; 0 (default): spark.executor.cores, "
                    + "or one per core where that is not set (local mode).")
    int inferenceThreads;

    @Option(names = "--parallel-rasters", defaultValue = "4",
            description = "Rasters whose jobs the driver keeps in flight at once (default: ${DEFAULT-VALUE}).")
    int parallelRasters;

    @Option(names = "--allow-url", paramLabel = "PREFIX",
            description = "URLs starting with this may be read by the executors: a COG over http(s) (read in parts), "
                    + "a STAC item's assets (repeatable; none by default).")
    List<String> allowUrls = new ArrayList<>();

    @Option(names = "--master", hidden = true, description = "Spark master when not given by spark-submit (tests).")
    String master;

    /**
     * The inputs of estimate-abundances a Spark run takes in its own way: --rasters stands for {@code raster} and
     * {@code mask} (each line of a list names a raster's dates and their masks, 'a.tif@a_mask.tif;b.tif@...').
     */
    static final List<String> NOT_OFFERED = List.of("raster", "mask");

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The job's command line: its own options, and --level, --stride, --ancillary, --ancillary-values as described. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new SparkJob());
        CommandLineOptions.add(line.getCommandSpec(), ProcessDescriptions.ESTIMATE_ABUNDANCES, NOT_OFFERED, Map.of(),
                Map.of("ancillary", "FILE.geojson|FILE.gml", "ancillaryValues", "name=value,..."), Map.of());
        return line;
    }

    @Override
    public Integer call() throws Exception {
        CommandLineOptions given = CommandLineOptions.of(spec, ProcessDescriptions.ESTIMATE_ABUNDANCES, NOT_OFFERED);
        ProcessInputs checked = given.checked();
        Level level;
        // paths resolved here, on the driver: an executor's working folder is its own scratch space
        out = out.toAbsolutePath().normalize();
        models = absolute(models);
        try {
            // checked as every front end checks them, before any task is built
            level = CheckedRun.of(checked).asked().level();
        } catch (InputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), given.refusal(e).getMessage());
        }
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (Parameter input : ProcessDescriptions.ESTIMATE_ABUNDANCES.inputs()) {
            if (NOT_OFFERED.contains(input.name()) || input.name().equals("ancillary")
                    || given.texts(input.name()).isEmpty()) {
                continue;
            }
            texts.put(input.name(), input.type().textual() ? given.texts(input.name())
                    : given.texts(input.name()).stream().map(SparkJob::absolute).toList());
        }
        // the models must load here, before any task is sent: a missing folder is told once, not by every task
        try (ModelStore store = new ModelStore(Path.of(models), new InferenceSettings(1, 1, 1))) {
            store.forLevel(level);
        } catch (ModelException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--models: " + e.getMessage());
        }
        Path ancillary = given.path("ancillary").orElse(null);
        Map<String, String> list = RasterList.expand(rasters);
        byte[] features = ancillary == null ? null : Files.readAllBytes(ancillary);
        Files.createDirectories(out.resolve("rasters"));
        SparkSession.Builder builder = SparkSession.builder().appName("rgbunmix");
        if (master != null) {
            builder.master(master);
        }
        List<RasterOutcome> outcomes = new ArrayList<>();
        try (SparkSession spark = builder.getOrCreate()) {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            RunSettings settings = new RunSettings(models, texts, features, allowUrls, batchSize,
                    threads(inferenceThreads, context.getConf().getInt("spark.executor.cores", 0)), rowsPerTask);
            ExecutorService drivers = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelRasters, list.size())));
            try {
                List<Future<RasterOutcome>> running = new ArrayList<>();
                list.forEach((id, path) -> running.add(drivers.submit(() -> runRaster(context, id, path, settings))));
                for (Future<RasterOutcome> outcome : running) {
                    outcomes.add(outcome.get());
                }
            } finally {
                drivers.shutdownNow();
            }
        }
        Summary summary = Summary.of(outcomes);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(), summary);
        System.out.println(summary.describe());
        return summary.processed() > 0 ? 0 : 1;
    }

    /** One raster: its header in a task, then its rows in tasks, then its GeoTIFF on the driver. */
    private RasterOutcome runRaster(JavaSparkContext context, String id, String path, RunSettings settings) {
        String parts = out.resolve("abundances.parquet").toString();
        long windows = 0;
        try {
            CheckedRun run = settings.run();
            context.setJobGroup("rgbunmix-" + id, "rgbunmix: " + path, false);
            RasterHeader header = context.parallelize(List.of(path), 1).map(p -> {
                Rasters.Opened raster = Rasters.open(p, settings.run(), settings.rasters());
                try {
                    return RasterHeader.of(id, p, raster.raster().geometry());
                } finally {
                    raster.close();
                }
            }).collect().get(0);
            WindowGrid grid = new WindowGrid(header.width(), header.height(), ModelContract.WINDOW,
                    run.asked().stride());
            windows = grid.count();
            if (windows == 0) {
                return new RasterOutcome(id, path, "failed", 0, 0, Map.of(), "smaller than one window ("
                        + ModelContract.WINDOW + " x " + ModelContract.WINDOW + " pixels)");
            }
            List<WindowRows> tasks = new ArrayList<>();
            for (int row = 0; row < grid.rows(); row += settings.rowsPerTask()) {
                tasks.add(new WindowRows(id, path, row, Math.min(settings.rowsPerTask(), grid.rows() - row)));
            }
            List<RowsResult> results = context.parallelize(tasks, tasks.size())
                    .map(task -> WindowRowsTask.run(task, settings, parts)).collect();
            ModelCard card = ExecutorModels.of(settings).forLevel(run.asked().level()).card();
            AbundanceGrid abundances = new AbundanceGrid(new RunLayout(card, grid, header.geometry()));
            long processed = 0;
            Map<String, Long> skipped = new LinkedHashMap<>();
            for (RowsResult result : results) {
                for (int i = 0; i < result.windowIds().size(); i++) {
                    abundances.put(result.windowIds().get(i), result.abundances().get(i));
                }
                processed += result.processed();
                result.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum));
            }
            GeoTiffResultWriter.write(out.resolve("rasters").resolve(id + ".tif"), abundances);
            return new RasterOutcome(id, path, "done", windows, processed, skipped, null);
        } catch (Exception e) {
            return new RasterOutcome(id, path, "failed", windows, 0, Map.of(), rootMessage(e));
        }
    }

    /**
     * The inferring threads of an executor: as asked, else as many as its cores (spark.executor.cores), which the
     * cluster gives it; where that is not set (local mode), 0: one per core of the machine.
     */
    static int threads(int asked, int executorCores) {
        return asked > 0 ? asked : Math.max(0, executorCores);
    }

    /** A path as every executor must read it: absolute, from the driver's working folder; GDAL's /vsi paths as given. */
    static String absolute(String path) {
        return path.startsWith("/vsi") || RasterInputs.isUrl(path) ? path
                : Path.of(path).toAbsolutePath().normalize().toString();
    }

    /** The first line of the innermost cause: Spark wraps a task's exception in its stage's report. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.nio.file.FileSystemException missing) {
            // its message is the bare path: say what is wrong with it
            return missing.getFile() + ": " + (missing instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : missing.getReason() == null ? "cannot be read" : missing.getReason());
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
