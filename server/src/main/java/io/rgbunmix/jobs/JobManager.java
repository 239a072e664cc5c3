package io.rgbunmix.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Runs jobs on two bounded pools (synchronous and asynchronous requests), each job in its own
 * directory under the work directory with its status written atomically (temporary file, then
 * rename). Finished jobs survive a restart; jobs that were running are then reported failed,
 * "interrupted by restart". Finished jobs expire after {@link JobLimits#expiry()}.
 */
public final class JobManager implements AutoCloseable {
    private static final String STATUS_FILE = "status.json";
    private static final int RETRY_AFTER_SECONDS = 10;

    private final Path root;
    private final JobLimits limits;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ThreadPoolExecutor syncPool;
    private final ThreadPoolExecutor asyncPool;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rgbunmix-job-timer"));
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    /** Set by {@link #close}: jobs cut short by the shutdown keep their last status, for the next start. */
    private volatile boolean closing;

    /** A job this process is running or holding in a queue. */
    private final class Live implements JobContext {
        final Path directory;
        /** The status at acceptance: what a submitter is answered, whatever the job does meanwhile. */
        final JobStatus accepted;
        final CompletableFuture<JobStatus> done = new CompletableFuture<>();
        volatile JobStatus status;
        volatile boolean dismissed;
        volatile boolean timedOut;
        volatile Future<?> future;
        /**
         * Taken once, by whichever comes first: the worker that starts the job, or a dismissal of the job
         * while it is still queued. Whoever takes it finishes the job; a FutureTask's cancel cannot tell
         * the two cases apart (it also succeeds on a running task).
         */
        final AtomicBoolean claimed = new AtomicBoolean();

        Live(JobStatus status) {
            this.status = status;
            this.accepted = status;
            this.directory = root.resolve(status.id());
        }

        @Override
        public Path directory() {
            return directory;
        }

        @Override
        public void progress(long doneUnits, long total) {
            int percent = total <= 0 ? 0 : (int) Math.min(99, doneUnits * 100 / total);
            if (percent != status.percent()) {
                update(this, status.progress(percent, doneUnits + " of " + total + " done"));
            }
        }

        @Override
        public boolean isCancelled() {
            return dismissed || timedOut;
        }
    }

    public JobManager(Path root, JobLimits limits, Clock clock) throws IOException {
        this.root = Files.createDirectories(root);
        this.limits = limits;
        this.clock = clock;
        recoverAfterRestart();
        syncPool = pool(limits.syncThreads(), "rgbunmix-sync");
        asyncPool = pool(limits.asyncThreads(), "rgbunmix-async");
        timers.scheduleWithFixedDelay(this::cleanExpiredQuietly, 1, 1, TimeUnit.MINUTES);
    }

    private ThreadPoolExecutor pool(int threads, String name) {
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(Math.max(1, limits.queue())), r -> daemon(r, name),
                new ThreadPoolExecutor.AbortPolicy());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts a job on the asynchronous pool and returns at once with its accepted status. */
    public JobStatus submit(String process, JobWork work) throws ServerBusyException, IOException {
        return submit(process, work, List.of());
    }

    /** The same; {@code files} are copied into the job's directory before it is queued. */
    public JobStatus submit(String process, JobWork work, List<Path> files) throws ServerBusyException, IOException {
        return start(process, work, asyncPool, limits.asyncTimeout(), files).accepted;
    }

    /**
     * Runs a job on the synchronous pool and waits for its end (at most the synchronous time limit,
     * after which it is cancelled and reported failed).
     */
    public JobStatus execute(String process, JobWork work) throws ServerBusyException, IOException, InterruptedException {
        return execute(process, work, List.of());
    }

    /** The same; {@code files} are copied into the job's directory before it is queued. */
    public JobStatus execute(String process, JobWork work, List<Path> files)
            throws ServerBusyException, IOException, InterruptedException {
        Live job = start(process, work, syncPool, limits.syncTimeout(), files);
        try {
            return job.done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Refuses at once when a job started now on the asynchronous (or synchronous) pool would be refused:
     * every worker busy and the queue full. Lets the interfaces refuse a request before they read its
     * body; the answer can be out of date by the time the job starts, which then refuses it as usual.
     */
    public void ensureRoom(boolean async) throws ServerBusyException {
        ThreadPoolExecutor pool = async ? asyncPool : syncPool;
        if (pool.getQueue().remainingCapacity() == 0 && pool.getActiveCount() >= pool.getMaximumPoolSize()) {
            throw busy(pool);
        }
    }

    private static ServerBusyException busy(ThreadPoolExecutor pool) {
        return new ServerBusyException("all " + pool.getMaximumPoolSize() + " workers are busy and "
                + pool.getQueue().size() + " jobs are waiting; try again later", RETRY_AFTER_SECONDS);
    }

    /**
     * Waits for a job to end; its status as it is if it has not ended in time; empty for an unknown
     * or dismissed job.
     */
    public Optional<JobStatus> await(String id, Duration timeout) throws InterruptedException {
        Live job = live.get(id);
        if (job == null) {
            return status(id);
        }
        try {
            job.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return status(id);
        } catch (TimeoutException e) {
            return status(id);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Live start(String process, JobWork work, ThreadPoolExecutor pool, Duration timeout, List<Path> files)
            throws ServerBusyException, IOException {
        Live job = new Live(JobStatus.accepted(UUID.randomUUID().toString(), process, clock.instant()));
        Files.createDirectories(job.directory);
        for (Path file : files) {
            Files.copy(file, job.directory.resolve(file.getFileName()));
        }
        write(job.status);
        live.put(job.status.id(), job);
        try {
            job.future = pool.submit(() -> run(job, work, timeout));
        } catch (RejectedExecutionException e) {
            live.remove(job.status.id());
            deleteTree(job.directory);
            throw busy(pool);
        }
        return job;
    }

    private void run(Live job, JobWork work, Duration timeout) {
        if (!job.claimed.compareAndSet(false, true)) {
            return;   // dismissed while queued, and finished by the dismissal
        }
        update(job, job.status.running(clock.instant()));
        var timer = timers.schedule(() -> job.timedOut = true, timeout.toMillis(), TimeUnit.MILLISECONDS);
        JobStatus end;
        try {
            List<String> results = work.run(job);
            end = job.isCancelled() ? cancelled(job, timeout)
                    : job.status.finished(JobState.SUCCEEDED, "succeeded", results, clock.instant());
        } catch (CancellationException e) {
            end = cancelled(job, timeout);
        } catch (Exception e) {
            String message = e.getMessage() == null ? "internal error" : e.getMessage();
            end = e instanceof ClientFault fault
                    ? job.status.failedByClient(message, new JobFault(fault.code(), fault.locator()), clock.instant())
                    : job.status.finished(JobState.FAILED, message, List.of(), clock.instant());
        } catch (OutOfMemoryError e) {
            end = job.status.finished(JobState.FAILED, "out of memory", List.of(), clock.instant());
        } catch (Error e) {
            // Any other error must still end the job, or its synchronous caller would wait forever.
            System.getLogger(JobManager.class.getName()).log(System.Logger.Level.ERROR, "job " + job.status.id(), e);
            end = job.status.finished(JobState.FAILED, "internal error", List.of(), clock.instant());
        } finally {
            timer.cancel(false);
        }
        finish(job, end);
    }

    private JobStatus cancelled(Live job, Duration timeout) {
        return job.dismissed ? job.status.finished(JobState.DISMISSED, "dismissed", List.of(), clock.instant())
                : job.status.finished(JobState.FAILED, "time limit of " + timeout.toSeconds() + " s exceeded",
                List.of(), clock.instant());
    }

    private void finish(Live job, JobStatus end) {
        if (job.dismissed) {
            deleteTree(job.directory);
            end = job.status.finished(JobState.DISMISSED, "dismissed", List.of(), clock.instant());
        } else {
            update(job, end);
        }
        live.remove(end.id());
        job.done.complete(end);
    }

    private synchronized void update(Live job, JobStatus status) {
        if (closing || (job.dismissed && status.state() != JobState.DISMISSED)) {
            return;
        }
        job.status = status;
        try {
            write(status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of a job, if the id is a valid job id and the job exists. */
    public Optional<JobStatus> status(String id) {
        if (!isValidId(id)) {
            return Optional.empty();
        }
        Live job = live.get(id);
        if (job != null) {
            // a dismissed job is gone for its clients at once, while its files are being removed
            return job.dismissed ? Optional.empty() : Optional.of(job.status);
        }
        return read(root.resolve(id).resolve(STATUS_FILE));
    }

    /** Every known job, newest first. */
    public List<JobStatus> list() throws IOException {
        List<JobStatus> jobs = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                status(folder.getFileName().toString()).ifPresent(jobs::add);
            }
        }
        jobs.sort(Comparator.comparing(JobStatus::created).reversed());
        return jobs;
    }

    /** A result file of a finished job, if both exist. */
    public Optional<Path> result(String id, String name) {
        return status(id).filter(s -> s.state() == JobState.SUCCEEDED && s.results().contains(name))
                .map(s -> root.resolve(id).resolve(name)).filter(Files::isRegularFile);
    }

    /**
     * A file an interface kept in a job's directory beside its results (e.g. WPS lineage), if the
     * job and the file exist; {@code name} must be a plain file name.
     */
    public Optional<Path> file(String id, String name) {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return Optional.empty();
        }
        return status(id).map(s -> root.resolve(id).resolve(name)).filter(Files::isRegularFile);
    }

    /**
     * Dismisses a job: a queued one is dropped, a running one is asked to stop at its next safe point,
     * and its directory is deleted. Returns the dismissed status, or empty for an unknown job.
     */
    public Optional<JobStatus> dismiss(String id) {
        Optional<JobStatus> current = status(id);
        if (current.isEmpty()) {
            return current;
        }
        Live job = live.get(id);
        JobStatus dismissed = current.get().finished(JobState.DISMISSED, "dismissed", List.of(), clock.instant());
        if (job == null) {
            deleteTree(root.resolve(id));
            return Optional.of(dismissed);
        }
        job.dismissed = true;
        job.status = dismissed;
        if (job.claimed.compareAndSet(false, true)) {
            // still queued: it will never run, so it is finished here; a running job stops at its next
            // safe point and finishes itself
            Future<?> future = job.future;
            if (future != null) {
                future.cancel(false);
            }
            finish(job, dismissed);
        }
        return Optional.of(dismissed);
    }

    /** Deletes finished jobs older than the expiry; returns how many. */
    public int cleanExpired() throws IOException {
        int removed = 0;
        for (JobStatus job : list()) {
            if (job.state().isFinal() && job.finished() != null
                    && job.finished().plus(limits.expiry()).isBefore(clock.instant())) {
                deleteTree(root.resolve(job.id()));
                removed++;
            }
        }
        return removed;
    }

    private void cleanExpiredQuietly() {
        try {
            cleanExpired();
        } catch (IOException | RuntimeException ignored) {
            // the next round tries again
        }
    }

    /** Job ids are random UUIDs in canonical form: anything else never reaches the file system. */
    public static boolean isValidId(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void recoverAfterRestart() throws IOException {
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Optional<JobStatus> status = isValidId(folder.getFileName().toString())
                        ? read(folder.resolve(STATUS_FILE)) : Optional.empty();
                if (status.isPresent() && !status.get().state().isFinal()) {
                    write(status.get().finished(JobState.FAILED, "interrupted by restart", List.of(), clock.instant()));
                }
            }
        }
    }

    private void write(JobStatus status) throws IOException {
        Path directory = root.resolve(status.id());
        if (!Files.isDirectory(directory)) {
            return; // dismissed meanwhile
        }
        Path temporary = Files.createTempFile(directory, ".status", ".tmp");
        json.writeValue(temporary.toFile(), status);
        try {
            Files.move(temporary, directory.resolve(STATUS_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(STATUS_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Optional<JobStatus> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(json.readValue(file.toFile(), JobStatus.class))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // what is left is removed by the expiry cleaner
        }
    }

    /** Stops every job at once; those still running are reported "interrupted by restart" on the next start. */
    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        syncPool.shutdownNow();
        asyncPool.shutdownNow();
    }
}
