package io.rgbunmix.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.TestData;
import io.rgbunmix.raster.SyntheticRaster;
import java.awt.image.DataBuffer;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.deploy.SparkSubmit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job submitted as spark-submit submits it (SparkSubmit, client mode) to a cluster of separate JVMs: Spark's
 * local-cluster master, two workers of one core, each launching its executor as a JVM of its own in its own
 * working folder (the Spark home laid out from this class path's jars), given relative paths as a user types them. One executor is killed (-9) once tasks have ended: its tasks
 * are retried and every raster completes. The outputs equal those of local mode, both workers ran tasks.
 */
class SparkClusterTest {
    @TempDir
    static Path temp;
    static Path local;
    static Path cluster;
    static final Set<String> executors = ConcurrentHashMap.newKeySet();
    static final AtomicInteger succeeded = new AtomicInteger();
    static final AtomicInteger failed = new AtomicInteger();
    static final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    static volatile String killed;

    private static String relative(Path file) {
        return Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    /** SPARK_HOME/jars from the jars of this class path; the folders (this module's classes) go on the executors' path. */
    private static String sparkHome() throws Exception {
        Path home = Path.of(System.getenv("SPARK_HOME"));
        Path jars = Files.createDirectories(home.resolve("jars"));
        List<String> folders = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path)) {
                folders.add(path.toString());
            } else if (entry.endsWith(".jar")) {
                Path link = jars.resolve(path.getFileName());
                Files.deleteIfExists(link);   // a link of an earlier build may point elsewhere
                Files.createSymbolicLink(link, path);
            }
        }
        return String.join(File.pathSeparator, folders);
    }

    private static String[] job(Path out, String list) {
        return new String[] {"--rasters", list, "--models", relative(TestData.MODELS), "--ancillary-values",
                TestData.ANCILLARY_TEXT, "--rows-per-task", "1", "--parallel-rasters", "3", "--out", relative(out)};
    }

    /**
     * Kills, once a few tasks have ended, the JVM of an executor while it runs a task: that task is lost, and
     * retried on the other.
     */
    private static void killAnExecutorRunningATaskAfter(int tasks) {
        Thread killer = new Thread(() -> {
            while (killed == null) {
                Thread.onSpinWait();
                if (succeeded.get() < tasks) {
                    continue;
                }
                running.forEach((id, count) -> {
                    if (killed == null && count.get() > 0) {
                        ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("")
                                .matches(".*CoarseGrainedExecutorBackend.* --executor-id " + id + " .*"))
                                .findFirst().ifPresent(p -> {
                                    killed = id;
                                    p.destroyForcibly();
                                });
                    }
                });
            }
        });
        killer.setDaemon(true);
        killer.start();
    }

    @BeforeAll
    static void runLocallyThenOnTheCluster() throws Exception {
        Path rasters = Files.createDirectories(temp.resolve("rasters"));
        for (int seed = 1; seed <= 3; seed++) {
            SyntheticRaster.write(rasters.resolve("tile" + seed + ".tif"),
                    TestData.utm(3 * 224, 4 * 224, 440000 + seed * 5000, 4130000, 10), 3, DataBuffer.TYPE_BYTE,
                    Double.NaN, (x, y, b) -> 1 + (x * 7 + y * 13 + b * 50 + (x / 224) * 40) % 250);
        }
        Path list = Files.writeString(temp.resolve("list.txt"), Files.list(rasters).sorted()
                .map(SparkClusterTest::relative).collect(Collectors.joining("\n")) + "\n");
        local = temp.resolve("local");
        assertEquals(0, SparkJob.commandLine().execute(concat(new String[] {"--master", "local[2]"},
                job(local, relative(list)))));

        String classes = sparkHome();
        // a session left by another test would be reused whatever its master: start from none
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        String opens = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).collect(Collectors.joining(" "));
        killAnExecutorRunningATaskAfter(4);
        cluster = temp.resolve("cluster");
        // what spark-submit runs, in client mode: the driver is this JVM, the executors are the workers' JVMs
        List<String> submit = new ArrayList<>(List.of("--master", "local-cluster[2,1,1024]",
                "--conf", "spark.executor.extraClassPath=" + classes,
                "--conf", "spark.executor.extraJavaOptions=" + opens,
                "--conf", "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
                "--conf", "spark.task.maxFailures=4",
                "--conf", "spark.extraListeners=" + Watch.class.getName(),
                "--class", Driver.class.getName(), "spark-internal"));
        submit.addAll(List.of(job(cluster, relative(list))));
        SparkSubmit.main(submit.toArray(String[]::new));
        assertEquals(0, Driver.code);
    }

    /** The job's main as spark-submit starts it, keeping its exit code where SparkJob.main would exit the JVM. */
    public static final class Driver {
        static volatile int code = -1;

        public static void main(String[] args) {
            code = SparkJob.commandLine().execute(args);
        }
    }

    /** Which executor ran each task, given to the driver's context by spark.extraListeners. */
    public static final class Watch extends SparkListener {
        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.computeIfAbsent(start.taskInfo().executorId(), id -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.computeIfAbsent(end.taskInfo().executorId(), id -> new AtomicInteger()).decrementAndGet();
            if (end.taskInfo().successful()) {
                executors.add(end.taskInfo().executorId());
                succeeded.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void bothWorkersRanTasksAndTheKilledExecutorsTasksWereRetried() throws Exception {
        assertTrue(executors.size() >= 2, "tasks ended on executors " + executors);
        assertTrue(killed != null, "an executor was killed");
        assertTrue(failed.get() >= 1, "the task it ran was lost, then retried");
        JsonNode summary = new ObjectMapper().readTree(cluster.resolve("summary.json").toFile());
        assertEquals(0, summary.get("failed").asInt(), summary.toString());
        assertEquals(3 * 12, summary.get("processed").asLong(), "every window of every raster");
    }

    @Test
    void theOutputsEqualLocalModes() throws Exception {
        for (String tile : List.of("tile1", "tile2", "tile3")) {
            assertArrayEquals(Files.readAllBytes(local.resolve("rasters").resolve(tile + ".tif")),
                    Files.readAllBytes(cluster.resolve("rasters").resolve(tile + ".tif")), tile);
        }
        assertTrue(Files.isDirectory(cluster.resolve("abundances.parquet")), "the parts are in the run's folder");
        // and none in an executor's working folder, where a relative --out used to put them
        Path work = Path.of(System.getenv("SPARK_HOME")).resolve("work");
        try (var files = Files.walk(work)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".parquet")).toList());
        }
        SparkSession spark = SparkSession.builder().master("local[1]").appName("read-back").getOrCreate();
        try {
            assertEquals(rows(spark, local), rows(spark, cluster));
        } finally {
            spark.stop();
        }
    }

    private static Set<String> rows(SparkSession spark, Path out) {
        Set<String> rows = new TreeSet<>();
        for (Row row : spark.read().parquet(out.resolve("abundances.parquet").toString()).drop("geometry").collectAsList()) {
            rows.add(row.toString());
        }
        return rows;
    }
}
