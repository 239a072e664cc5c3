package io.rgbunmix.execution;

import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRefusedException;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's news POSTed to whoever asked for it instead of polling (OGC API - Processes' callbacks): when it runs, when
 * it succeeds, when it fails. Each address is held to the reference rules when it is given and again when it is
 * used; a delivery runs on a thread of its own, never a job worker's, and is tried again with a growing pause when
 * the subscriber is down. Subscriptions live as long as the server: a job resumed after a restart sends none.
 */
public final class Callbacks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    /** Where to POST what; any address may be null. */
    public record Subscription(String successUri, String inProgressUri, String failedUri, Notices notices) {
    }

    /** The documents a protocol POSTs: the results of a job that succeeded, or its status. */
    public interface Notices {
        byte[] results(JobStatus job) throws Exception;

        byte[] status(JobStatus job) throws Exception;
    }

    private final ReferenceFetcher fetcher;
    private final JobManager jobs;
    private final Duration firstRetry;
    private final int attempts;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService senders = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rgbunmix-callbacks");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param firstRetry the pause before the second try; each further pause is four times the last
     * @param attempts   tries in all before a delivery is given up (and logged)
     */
    public Callbacks(JobManager jobs, ReferenceFetcher fetcher, Duration firstRetry, int attempts) {
        this.jobs = jobs;
        this.fetcher = fetcher;
        this.firstRetry = firstRetry;
        this.attempts = attempts;
        jobs.listen(this::changed);
    }

    /** Refuses, before any job, an address the reference rules would never POST to; the locator is {@code subscriber}. */
    void allowed(Subscription subscription) throws InputException {
        for (String uri : new String[] {subscription.successUri(), subscription.inProgressUri(), subscription.failedUri()}) {
            if (uri != null) {
                try {
                    fetcher.check(uri);
                } catch (ReferenceRefusedException e) {
                    throw new InputException(InputException.INVALID, "subscriber", e.getMessage());
                }
            }
        }
    }

    /** Sends {@code job}'s news to {@code subscription} from now on; a job already ended sends its end at once. */
    void subscribe(JobStatus job, Subscription subscription) {
        subscriptions.put(job.id(), subscription);
        jobs.status(job.id()).filter(now -> now.state().isFinal()).ifPresent(this::changed);
    }

    private void changed(JobStatus status) {
        Subscription subscription = status.state().isFinal() ? subscriptions.remove(status.id())
                : subscriptions.get(status.id());
        if (subscription == null) {
            return;
        }
        String uri = status.state() == JobState.SUCCEEDED ? subscription.successUri()
                : status.state() == JobState.FAILED ? subscription.failedUri()
                : status.state() == JobState.RUNNING ? subscription.inProgressUri() : null;
        if (uri != null) {
            senders.execute(() -> deliver(uri, status, subscription.notices(), 1));
        }
    }

    private void deliver(String uri, JobStatus status, Notices notices, int attempt) {
        Path answer = null;
        try {
            byte[] body = status.state() == JobState.SUCCEEDED ? notices.results(status) : notices.status(status);
            answer = Files.createTempFile("rgbunmix-callback-", ".answer");
            fetcher.fetch(uri, body, "application/json", answer);
            LOG.info("job {}: {} sent to {}", status.id(), status.state(), uri);
        } catch (ReferenceRefusedException | IOException e) {
            if (attempt < attempts) {
                long pause = firstRetry.toMillis() << (2 * (attempt - 1));
                senders.schedule(() -> deliver(uri, status, notices, attempt + 1), pause, TimeUnit.MILLISECONDS);
            } else {
                LOG.warn("job {}: {} not sent to {} after {} tries: {}", status.id(), status.state(), uri, attempts,
                        e.getMessage());
            }
        } catch (Exception e) {
            LOG.warn("job {}: {} not sent to {}: {}", status.id(), status.state(), uri, e.getMessage());
        } finally {
            if (answer != null) {
                try {
                    Files.deleteIfExists(answer);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
