package io.rgbunmix.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private JobManager manager(JobLimits limits) throws Exception {
        return new JobManager(work, limits, clock);
    }

    private static JobWork writes(String name, String content) {
        return context -> {
            Files.writeString(context.directory().resolve(name), content);
            return List.of(name);
        };
    }

    /** Work that reports half way, then waits for the test's signal, checking for cancellation. */
    private static JobWork halfThenWait(CountDownLatch reported, CountDownLatch release) {
        return context -> {
            context.progress(5, 10);
            reported.countDown();
            while (!release.await(10, TimeUnit.MILLISECONDS)) {
                if (context.isCancelled()) {
                    throw new CancellationException();
                }
            }
            return List.of();
        };
    }

    @Test
    void asynchronousJobGoesFromAcceptedThroughProgressToSuccess() throws Exception {
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            CountDownLatch reported = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobStatus accepted = jobs.submit("echo", context -> {
                halfThenWait(reported, release).run(context);
                return writes("result.txt", "hello").run(context);
            });
            assertEquals(JobState.ACCEPTED, accepted.state());
            assertTrue(JobManager.isValidId(accepted.id()));
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            JobStatus running = jobs.status(accepted.id()).orElseThrow();
            assertEquals(JobState.RUNNING, running.state());
            assertEquals(50, running.percent());
            release.countDown();
            JobStatus done = jobs.await(accepted.id(), WAIT).orElseThrow();
            assertEquals(JobState.SUCCEEDED, done.state());
            assertEquals(100, done.percent());
            assertEquals(List.of("result.txt"), done.results());
            assertEquals("hello", Files.readString(jobs.result(accepted.id(), "result.txt").orElseThrow()));
            assertTrue(jobs.result(accepted.id(), "other.txt").isEmpty());
        }
    }

    @Test
    void synchronousExecutionReturnsTheEndStateAndFailuresKeepTheirMessage() throws Exception {
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            assertEquals(JobState.SUCCEEDED, jobs.execute("echo", writes("a.txt", "x")).state());
            JobStatus failed = jobs.execute("echo", context -> {
                throw new IllegalArgumentException("raster.tif: pixel size is 30 m");
            });
            assertEquals(JobState.FAILED, failed.state());
            assertEquals("raster.tif: pixel size is 30 m", failed.message());
            assertEquals(JobState.FAILED, jobs.status(failed.id()).orElseThrow().state(), "persisted");
        }
    }

    @Test
    void aJobThatThrowsAnErrorStillEndsSoItsCallerIsAnswered() throws Exception {
        // A linkage error out of a process once left its synchronous caller waiting forever.
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            JobStatus failed = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                    () -> jobs.execute("echo", context -> {
                        throw new NoClassDefFoundError("org/apache/commons/io/input/UnsynchronizedBufferedReader");
                    }));
            assertEquals(JobState.FAILED, failed.state());
            assertEquals("internal error", failed.message(), "no class name reaches the client");
            assertEquals(JobState.FAILED, jobs.status(failed.id()).orElseThrow().state(), "persisted");
        }
    }

    @Test
    void dismissWhileRunningStopsTheWorkAndFreesItsFiles() throws Exception {
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            CountDownLatch reported = new CountDownLatch(1);
            CountDownLatch stopped = new CountDownLatch(1);
            JobWork work = halfThenWait(reported, new CountDownLatch(1));
            JobStatus accepted = jobs.submit("echo", context -> {
                try {
                    return work.run(context);
                } finally {
                    stopped.countDown();
                }
            });
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            assertEquals(JobState.DISMISSED, jobs.dismiss(accepted.id()).orElseThrow().state());
            assertTrue(stopped.await(10, TimeUnit.SECONDS), "the work saw the cancellation and stopped");
            for (int i = 0; i < 500 && Files.exists(this.work.resolve(accepted.id())); i++) {
                Thread.sleep(10);
            }
            assertFalse(Files.exists(this.work.resolve(accepted.id())), "the job's directory is deleted");
            assertTrue(jobs.status(accepted.id()).isEmpty());
            assertTrue(jobs.dismiss(accepted.id()).isEmpty(), "an unknown job cannot be dismissed twice");
        }
    }

    @Test
    void afterARestartFinishedJobsAreServedAndRunningOnesReportedInterrupted() throws Exception {
        String finished;
        String running;
        CountDownLatch reported = new CountDownLatch(1);
        JobManager first = manager(JobLimits.DEFAULT);
        finished = first.execute("echo", writes("out.txt", "kept")).id();
        running = first.submit("echo", halfThenWait(reported, new CountDownLatch(1))).id();
        assertTrue(reported.await(10, TimeUnit.SECONDS));
        first.close(); // the process dies with a job running

        try (JobManager second = manager(JobLimits.DEFAULT)) {
            assertEquals("kept", Files.readString(second.result(finished, "out.txt").orElseThrow()));
            JobStatus interrupted = second.status(running).orElseThrow();
            assertEquals(JobState.FAILED, interrupted.state());
            assertEquals("interrupted by restart", interrupted.message());
            assertEquals(2, second.list().size());
        }
    }

    /** Stored work: a file "task.txt" in the job's directory, whose text the work writes to "out.txt". */
    private static JobFiles task(String text) {
        return directory -> Files.writeString(directory.resolve("task.txt"), text);
    }

    /** Loads stored tasks as work that completes, writing the task's text to "out.txt". */
    private static final WorkLoader COMPLETES = (process, directory) -> Files.isRegularFile(directory.resolve("task.txt"))
            ? java.util.Optional.of(writes("out.txt", Files.readString(directory.resolve("task.txt"))))
            : java.util.Optional.empty();

    /** Loads stored tasks as work that reports half way and never ends (the server will "crash"). */
    private static WorkLoader hangs(CountDownLatch started) {
        return (process, directory) -> java.util.Optional.of(halfThenWait(started, new CountDownLatch(1)));
    }

    @Test
    void aStoredJobIsOnDiskWhenAcceptedAndIsResumedAfterARestartUnderItsId() throws Exception {
        JobLimits oneAtATime = new JobLimits(1, 1, 5, WAIT, WAIT, Duration.ofHours(1));
        CountDownLatch started = new CountDownLatch(1);
        JobManager first = new JobManager(work, oneAtATime, clock, hangs(started));
        JobStatus running = first.submitStored("echo", task("first"));
        JobStatus queued = first.submitStored("echo", task("second"));
        assertEquals("first", Files.readString(work.resolve(running.id()).resolve("task.txt")),
                "the stored work is in the job's directory when it is accepted");
        assertTrue(Files.readString(work.resolve(queued.id()).resolve("status.json")).contains("ACCEPTED"));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        first.close();   // the server stops with one job running and one queued

        clock.now = clock.now.plusSeconds(60);
        try (JobManager second = new JobManager(work, oneAtATime, clock, COMPLETES)) {
            for (JobStatus before : List.of(running, queued)) {
                JobStatus after = second.await(before.id(), WAIT).orElseThrow();
                assertEquals(JobState.SUCCEEDED, after.state(), after.message());
                assertEquals(before.created(), after.created(), "the same job, not a new one");
            }
            assertEquals("first", Files.readString(second.result(running.id(), "out.txt").orElseThrow()));
            assertEquals("second", Files.readString(second.result(queued.id(), "out.txt").orElseThrow()));
            assertEquals(2, second.list().size());
        }
    }

    @Test
    void resumedJobsAreAcceptedAgainThenRunInTheirFirstOrder() throws Exception {
        JobLimits oneAtATime = new JobLimits(1, 1, 5, WAIT, WAIT, Duration.ofHours(1));
        CountDownLatch started = new CountDownLatch(1);
        JobManager first = new JobManager(work, oneAtATime, clock, hangs(started));
        String a = first.submitStored("echo", task("a")).id();
        clock.now = clock.now.plusSeconds(1);
        String b = first.submitStored("echo", task("b")).id();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        first.close();

        java.util.Map<String, CountDownLatch> running = java.util.Map.of("a", new CountDownLatch(1), "b",
                new CountDownLatch(1));
        java.util.Map<String, CountDownLatch> release = java.util.Map.of("a", new CountDownLatch(1), "b",
                new CountDownLatch(1));
        WorkLoader waits = (process, directory) -> {
            String task = Files.readString(directory.resolve("task.txt"));
            return java.util.Optional.of(context -> {
                running.get(task).countDown();
                release.get(task).await();
                return List.of();
            });
        };
        try (JobManager second = new JobManager(work, oneAtATime, clock, waits)) {
            assertTrue(running.get("a").await(10, TimeUnit.SECONDS), "the first accepted is resumed first");
            JobStatus waiting = second.status(b).orElseThrow();
            assertEquals(JobState.ACCEPTED, waiting.state());
            assertEquals("accepted again after a server restart", waiting.message());
            assertEquals(JobState.RUNNING, second.status(a).orElseThrow().state());
            release.get("a").countDown();
            assertTrue(running.get("b").await(10, TimeUnit.SECONDS));
            assertEquals(JobState.RUNNING, second.status(b).orElseThrow().state());
            release.get("b").countDown();
            assertEquals(JobState.SUCCEEDED, second.await(a, WAIT).orElseThrow().state());
            assertEquals(JobState.SUCCEEDED, second.await(b, WAIT).orElseThrow().state());
        }
    }

    @Test
    void aJobInterruptedByThreeRestartsFailsWithAClearMessage() throws Exception {
        JobLimits limits = new JobLimits(1, 1, 5, WAIT, WAIT, Duration.ofHours(1));
        String id = null;
        for (int run = 0; run <= JobManager.MAX_RESUMES; run++) {
            CountDownLatch started = new CountDownLatch(1);
            JobManager manager = new JobManager(work, limits, clock, hangs(started));
            if (id == null) {
                id = manager.submitStored("echo", task("poison")).id();
            }
            assertTrue(started.await(10, TimeUnit.SECONDS), "run " + run + " started the job");
            manager.close();   // the job stops the server, again and again
        }
        try (JobManager last = new JobManager(work, limits, clock, COMPLETES)) {
            JobStatus failed = last.status(id).orElseThrow();
            assertEquals(JobState.FAILED, failed.state());
            assertTrue(failed.message().contains("stopped 3 times") && failed.message().contains("not resumed again"),
                    failed.message());
            assertTrue(last.result(id, "out.txt").isEmpty(), "it was not run a fourth time");
        }
    }

    @Test
    void aFolderLeftByAJobNeverAcceptedIsRemovedAtStart() throws Exception {
        Path orphan = Files.createDirectories(work.resolve(UUID.randomUUID().toString()));
        Files.writeString(orphan.resolve("task.txt"), "half written");
        try (JobManager jobs = new JobManager(work, JobLimits.DEFAULT, clock, COMPLETES)) {
            assertFalse(Files.exists(orphan));
            assertTrue(jobs.list().isEmpty());
        }
    }

    @Test
    void storedWorkThatCannotBeRebuiltIsRefusedAndLeavesNothing() throws Exception {
        try (JobManager jobs = new JobManager(work, JobLimits.DEFAULT, clock, WorkLoader.NONE)) {
            assertThrows(IllegalStateException.class, () -> jobs.submitStored("echo", task("x")));
            assertTrue(jobs.list().isEmpty());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count());
            }
        }
    }

    @Test
    void aFullQueueAnswersServerBusy() throws Exception {
        JobLimits small = new JobLimits(1, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1));
        try (JobManager jobs = manager(small)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch reported = new CountDownLatch(1);
            jobs.submit("echo", halfThenWait(reported, release));   // runs
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            String queued = jobs.submit("echo", writes("b.txt", "b")).id();  // waits in the queue
            ServerBusyException early = assertThrows(ServerBusyException.class, () -> jobs.ensureRoom(true));
            assertTrue(early.getMessage().contains("busy"), early.getMessage());
            assertDoesNotThrow(() -> jobs.ensureRoom(false), "the synchronous pool is a separate one");
            ServerBusyException busy = assertThrows(ServerBusyException.class,
                    () -> jobs.submit("echo", writes("c.txt", "c")));
            assertTrue(busy.retryAfterSeconds() > 0);
            assertEquals(2, jobs.list().size(), "the refused job left nothing behind");
            release.countDown();
            assertEquals(JobState.SUCCEEDED, jobs.await(queued, WAIT).orElseThrow().state());
            assertDoesNotThrow(() -> jobs.ensureRoom(true), "room again once the queue has drained");
        }
    }

    @Test
    void dismissingRunningJobsRacesWithNothing() throws Exception {
        // a dismissal and the job noticing it used to both finish the job, deleting its directory twice at
        // once (a NoSuchFileException out of the directory walk, now and then); many files and a job that
        // stops the moment it is asked make that overlap likely
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            for (int i = 0; i < 40; i++) {
                CountDownLatch started = new CountDownLatch(1);
                String id = jobs.submit("echo", context -> {
                    for (int f = 0; f < 200; f++) {
                        Files.writeString(context.directory().resolve("part-" + f + ".txt"), "x");
                    }
                    context.progress(1, 2);
                    started.countDown();
                    while (!context.isCancelled()) {
                        Thread.onSpinWait();
                    }
                    throw new CancellationException();
                }).id();
                assertTrue(started.await(10, TimeUnit.SECONDS));
                assertEquals(JobState.DISMISSED, jobs.dismiss(id).orElseThrow().state());
                assertTrue(jobs.await(id, WAIT).isEmpty());
                assertFalse(Files.exists(work.resolve(id)), "its directory is gone");
            }
        }
    }

    @Test
    void aQueuedJobCanBeDismissedBeforeItStarts() throws Exception {
        JobLimits small = new JobLimits(1, 1, 1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofHours(1));
        try (JobManager jobs = manager(small)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch reported = new CountDownLatch(1);
            jobs.submit("echo", halfThenWait(reported, release));
            assertTrue(reported.await(10, TimeUnit.SECONDS));
            String queued = jobs.submit("echo", writes("b.txt", "b")).id();
            assertEquals(JobState.DISMISSED, jobs.dismiss(queued).orElseThrow().state());
            assertTrue(jobs.status(queued).isEmpty());
            release.countDown();
        }
    }

    @Test
    void runsPastTheTimeLimitAreCancelledAndFailed() throws Exception {
        JobLimits quick = new JobLimits(1, 1, 1, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofHours(1));
        try (JobManager jobs = manager(quick)) {
            JobStatus status = jobs.execute("echo", halfThenWait(new CountDownLatch(1), new CountDownLatch(1)));
            assertEquals(JobState.FAILED, status.state());
            assertEquals("time limit of 0 s exceeded", status.message());
        }
    }

    @Test
    void finishedJobsExpire() throws Exception {
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            String id = jobs.execute("echo", writes("a.txt", "a")).id();
            clock.now = clock.now.plus(Duration.ofHours(23));
            assertEquals(0, jobs.cleanExpired());
            clock.now = clock.now.plus(Duration.ofHours(2));
            assertEquals(1, jobs.cleanExpired());
            assertTrue(jobs.status(id).isEmpty());
            assertFalse(Files.exists(work.resolve(id)));
        }
    }

    @Test
    void onlyCanonicalUuidsAreJobIds() throws Exception {
        String id = UUID.randomUUID().toString();
        assertTrue(JobManager.isValidId(id));
        for (String bad : new String[] {null, "", "../../etc/passwd", id.toUpperCase(), id + "/..", "1-1-1-1-1",
                id.replace('-', '/')}) {
            assertFalse(JobManager.isValidId(bad), bad);
        }
        Files.createDirectories(work.resolve("not-a-job"));
        try (JobManager jobs = manager(JobLimits.DEFAULT)) {
            assertTrue(jobs.status("../" + work.getFileName()).isEmpty());
            assertTrue(jobs.list().isEmpty());
        }
    }
}
