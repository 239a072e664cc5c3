package io.rgbunmix.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rgbunmix.processes.ClientFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs jobs on two bounded pools (synchronous and asynchronous requests), each job in its own
 * directory under the work directory with its status written atomically (temporary file, then
 * rename). Finished jobs survive a restart. An asynchronous job submitted with {@link #submitStored} is
 * on the disk (fsync'd) before it is answered "accepted", and one that had not finished when the
 * server stopped is resumed at the next start under the same id, at most {@link #MAX_RESUMES} times;
 * other unfinished jobs (synchronous ones, whose caller is gone) are reported failed, "interrupted by
 * restart". Finished jobs expire after {@link JobLimits#expiry()}.
 */
public final class JobManager implements AutoCloseable {
    private static final String STATUS_FILE = "status.json";
    /** How many times a job was resumed after a restart, in its directory. */
    private static final String RESUMES_FILE = "resumes";
    /** A job interrupted by more restarts than this is failed: it may be what stops the server. */
    public static final int MAX_RESUMES = 2;
    private static final int RETRY_AFTER_SECONDS = 10;

    private final Path root;
    private final JobLimits limits;
    private final Clock clock;
    private final WorkLoader loader;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ThreadPoolExecutor syncPool;
    private final ThreadPoolExecutor asyncPool;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "rgbunmix-job-timer"));
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    /** Told of every change of a job's state, on the thread that made it: they must only hand the news on. */
    private final List<Consumer<JobStatus>> listeners = new CopyOnWriteArrayList<>();
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

    /** A job manager whose jobs are all in-memory work: none is resumed after a restart. */
    public JobManager(Path root, JobLimits limits, Clock clock) throws IOException {
        this(root, limits, clock, WorkLoader.NONE);
    }

    /**
     * A job manager that rebuilds the work of jobs submitted with {@link #submitStored} through
     * {@code loader}, and at once resumes those a previous run left unfinished.
     */
    public JobManager(Path root, JobLimits limits, Clock clock, WorkLoader loader) throws IOException {
        this.root = Files.createDirectories(root);
        this.limits = limits;
        this.clock = clock;
        this.loader = loader;
        syncPool = pool(limits.syncThreads(), "rgbunmix-sync");
        asyncPool = pool(limits.asyncThreads(), "rgbunmix-async");
        recoverAfterRestart();
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

    /**
     * Starts a job on the asynchronous pool and returns at once with its accepted status. The work
     * lives in memory only: a restart before it ends reports it "interrupted by restart".
     */
    public JobStatus submit(String process, JobWork work) throws ServerBusyException, IOException {
        return start(process, null, work, asyncPool, limits.asyncTimeout(), List.of()).accepted;
    }

    /**
     * Starts a job that survives restarts: {@code files} writes what it needs into its directory, all
     * of which is forced to the disk with the accepted status before this returns; the work is then
     * rebuilt from there by the loader, as it will be if a restart interrupts it.
     */
    public JobStatus submitStored(String process, JobFiles files) throws ServerBusyException, IOException {
        return submitStored(process, null, files);
    }

    /** The same, for a job that belongs to {@code owner} (a token's subject; null: everyone's). */
    public JobStatus submitStored(String process, String owner, JobFiles files) throws ServerBusyException, IOException {
        String id = UUID.randomUUID().toString();
        Path directory = Files.createDirectories(root.resolve(id));
        JobWork work;
        try {
            files.writeTo(directory);
            work = loader.load(process, directory).orElseThrow(() -> new IllegalStateException(
                    "the files written for a " + process + " job do not make a job"));
            Durably.syncTree(directory);
        } catch (IOException | RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
        return queue(new Live(JobStatus.accepted(id, process, clock.instant(), owner)), work, asyncPool,
                limits.asyncTimeout()).accepted;
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
        return execute(process, null, work, files);
    }

    /** The same, for a job that belongs to {@code owner} (a token's subject; null: everyone's). */
    public JobStatus execute(String process, String owner, JobWork work, List<Path> files)
            throws ServerBusyException, IOException, InterruptedException {
        Live job = start(process, owner, work, syncPool, limits.syncTimeout(), files);
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

    private Live start(String process, String owner, JobWork work, ThreadPoolExecutor pool, Duration timeout,
                       List<Path> files) throws ServerBusyException, IOException {
        Live job = new Live(JobStatus.accepted(UUID.randomUUID().toString(), process, clock.instant(), owner));
        Files.createDirectories(job.directory);
        for (Path file : files) {
            Files.copy(file, job.directory.resolve(file.getFileName()));
        }
        return queue(job, work, pool, timeout);
    }

    /** Writes a job's (accepted) status, forced to the disk, and hands it to a pool. */
    private Live queue(Live job, JobWork work, ThreadPoolExecutor pool, Duration timeout)
            throws ServerBusyException, IOException {
        write(job.status, true);
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
        boolean stateChanged = status.state() != job.status.state();
        job.status = status;
        try {
            write(status, stateChanged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stateChanged) {
            listeners.forEach(listener -> listener.accept(status));
        }
    }

    /**
     * Tells {@code listener} of each job's every change of state from now on (running, then its end), on the
     * thread that changed it: the listener must return at once, handing the news to a thread of its own.
     */
    public void listen(Consumer<JobStatus> listener) {
        listeners.add(listener);
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

    /** Jobs waiting in a queue for a worker, synchronous and asynchronous together. */
    public int queued() {
        return syncPool.getQueue().size() + asyncPool.getQueue().size();
    }

    /** The folder of the jobs' directories. */
    public Path root() {
        return root;
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

    /** When a finished job's results are deleted ({@link #cleanExpired}); empty while it has not finished. */
    public Optional<Instant> expires(JobStatus job) {
        return Optional.ofNullable(job.finished()).map(finished -> finished.plus(limits.expiry()));
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

    /**
     * Deals with the jobs a previous run left unfinished: resumes those with stored work (at most
     * {@link #MAX_RESUMES} times each), fails the others, and removes folders of jobs never accepted.
     */
    private void recoverAfterRestart() throws IOException {
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).filter(f -> isValidId(f.getFileName().toString())).toList();
        }
        List<JobStatus> unfinished = new ArrayList<>();
        for (Path folder : folders) {
            Optional<JobStatus> status = read(folder.resolve(STATUS_FILE));
            if (status.isEmpty()) {
                deleteTree(folder);   // the server stopped before this job was accepted
            } else if (!status.get().state().isFinal()) {
                unfinished.add(status.get());
            }
        }
        unfinished.sort(Comparator.comparing(JobStatus::created));   // first accepted, first resumed
        for (JobStatus status : unfinished) {
            resume(status);
        }
    }

    private void resume(JobStatus status) throws IOException {
        Path directory = root.resolve(status.id());
        Optional<JobWork> work;
        try {
            work = loader.load(status.process(), directory);
        } catch (IOException | RuntimeException e) {
            write(status.finished(JobState.FAILED, "interrupted by restart, and could not be resumed: "
                    + e.getMessage(), List.of(), clock.instant()), true);
            return;
        }
        if (work.isEmpty()) {
            write(status.finished(JobState.FAILED, "interrupted by restart", List.of(), clock.instant()), true);
            return;
        }
        int resumes = resumes(directory);
        if (resumes >= MAX_RESUMES) {
            write(status.finished(JobState.FAILED, "the server stopped " + (resumes + 1) + " times while this job was"
                    + " queued or running; it was resumed " + resumes + " times and is not resumed again",
                    List.of(), clock.instant()), true);
            return;
        }
        Path count = directory.resolve(RESUMES_FILE);
        Files.writeString(count, String.valueOf(resumes + 1));
        Durably.sync(count);
        try {
            queue(new Live(status.resumed()), work.get(), asyncPool, limits.asyncTimeout());
        } catch (ServerBusyException e) {
            write(status.finished(JobState.FAILED, "interrupted by restart, and could not be resumed: " + e.getMessage(),
                    List.of(), clock.instant()), true);
        }
    }

    private static int resumes(Path directory) {
        try {
            return Integer.parseInt(Files.readString(directory.resolve(RESUMES_FILE)).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Replaces a job's status file atomically; {@code force}: forced to the disk, as every change of
     * state is (progress within a state is not worth a disk flush).
     */
    private void write(JobStatus status, boolean force) throws IOException {
        Path directory = root.resolve(status.id());
        if (!Files.isDirectory(directory)) {
            return; // dismissed meanwhile
        }
        Path temporary = Files.createTempFile(directory, ".status", ".tmp");
        json.writeValue(temporary.toFile(), status);
        if (force) {
            Durably.sync(temporary);
        }
        try {
            Files.move(temporary, directory.resolve(STATUS_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(STATUS_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
        if (force) {
            Durably.sync(directory);
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

    /**
     * Stops every job at once; at the next start those submitted with {@link #submitStored} are resumed,
     * the others reported "interrupted by restart".
     */
    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
        syncPool.shutdownNow();
        asyncPool.shutdownNow();
    }
}
