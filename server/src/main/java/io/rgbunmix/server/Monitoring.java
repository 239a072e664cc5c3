package io.rgbunmix.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.model.InferenceListener;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * What a load balancer, Kubernetes and Prometheus ask: {@code /health} (the process answers),
 * {@code /ready} (it can run a job: models loaded, work folder writable, disk space, job store
 * readable) and {@code /metrics} (Prometheus text: jobs by state, queue length, windows processed,
 * inference time per batch, bytes fetched for references, and the JVM). They are open, and show no
 * job's data, inputs or owner.
 */
final class Monitoring implements AutoCloseable {
    /** Below this much free space on the work folder's disk, a job's staged input could not be written. */
    static final long MIN_FREE_BYTES = 512L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final ModelStore models;
    private final Path work;
    private final Counter windows;
    private final Counter fetched;
    private final Map<Level, Timer> batches = new EnumMap<>(Level.class);

    private JobManager jobs;

    /** Counts the models' batches (it listens to them) and the JVM; {@link #watch} adds the jobs. */
    Monitoring(ModelStore models, Path work) {
        this.models = models;
        this.work = work;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        windows = Counter.builder("rgbunmix.windows.processed").description("Windows through the model")
                .register(registry);
        fetched = Counter.builder("rgbunmix.references.received").baseUnit("bytes")
                .description("Bytes downloaded for references, range requests included").register(registry);
        for (Level level : Level.values()) {
            batches.put(level, Timer.builder("rgbunmix.inference.batch").tag("level", level.name())
                    .description("Inference time of one batch").publishPercentileHistogram().register(registry));
        }
        models.listen((level, count, nanos) -> {
            batches.get(level).record(nanos, TimeUnit.NANOSECONDS);
            windows.increment(count);
        });
    }

    /** Counts {@code manager}'s jobs by state, and its queue. */
    void watch(JobManager manager) {
        this.jobs = manager;
        for (JobState state : JobState.values()) {
            Gauge.builder("rgbunmix.jobs", () -> count(state)).tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("Jobs the server knows, by state").register(registry);
        }
        Gauge.builder("rgbunmix.jobs.queued", manager, JobManager::queued)
                .description("Jobs waiting for a worker").register(registry);
    }

    private long count(JobState state) {
        try {
            return jobs.list().stream().map(JobStatus::state).filter(state::equals).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** What the reference fetcher tells of each download. */
    LongConsumer fetched() {
        return fetched::increment;
    }

    void register(Javalin app) {
        app.get("/health", ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "up")));
        app.get("/ready", this::ready);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }

    private void ready(Context ctx) throws IOException {
        ObjectNode checks = JSON.createObjectNode();
        List<String> failing = new ArrayList<>();
        List<String> loaded = new ArrayList<>();
        for (Level level : Level.values()) {
            try {
                loaded.add(level + ": " + models.forLevel(level).card().id());
            } catch (ModelException e) {
                failing.add("models");
                loaded.add(level + ": none usable");
            }
        }
        checks.put("models", String.join(", ", loaded));
        try {
            Files.createDirectories(work);
            Files.delete(Files.createTempFile(work, ".ready-", ""));
            checks.put("workFolder", "writable");
        } catch (IOException e) {
            failing.add("workFolder");
            checks.put("workFolder", "not writable");
        }
        try {
            long free = Files.getFileStore(work).getUsableSpace();
            checks.put("diskSpace", (free >> 20) + " MiB free, " + (MIN_FREE_BYTES >> 20) + " MiB needed");
            if (free < MIN_FREE_BYTES) {
                failing.add("diskSpace");
            }
        } catch (IOException e) {
            failing.add("diskSpace");
            checks.put("diskSpace", "unknown");
        }
        try {
            jobs.list();
            checks.put("jobStore", "readable");
        } catch (IOException | RuntimeException e) {
            failing.add("jobStore");
            checks.put("jobStore", "not readable");
        }
        ObjectNode body = JSON.createObjectNode().put("status", failing.isEmpty() ? "ready" : "not ready");
        body.set("checks", checks);
        body.putPOJO("failing", failing);
        json(ctx, failing.isEmpty() ? 200 : 503, body);
    }

    private static void json(Context ctx, int status, ObjectNode body) throws IOException {
        ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        models.listen(InferenceListener.NONE);
        gc.close();
        registry.close();
    }
}
