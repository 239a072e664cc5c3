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
