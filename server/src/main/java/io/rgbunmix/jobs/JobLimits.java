package io.rgbunmix.jobs;

import java.time.Duration;

/**
 * Sizes and times of the job manager (config/server.yaml, section jobs).
 *
 * @param syncThreads   jobs run at once for synchronous requests (GeoServer's default: 10)
 * @param asyncThreads  jobs run at once for asynchronous requests (GeoServer's default: 10)
 * @param queue         jobs waiting per pool before ServerBusy
 * @param syncTimeout   longest synchronous run, then cancelled
 * @param asyncTimeout  longest asynchronous run, then cancelled
 * @param expiry        how long a finished job's status and results are kept
 */
public record JobLimits(int syncThreads, int asyncThreads, int queue, Duration syncTimeout, Duration asyncTimeout,
                        Duration expiry) {
    public static final JobLimits DEFAULT = new JobLimits(10, 10, 20, Duration.ofMinutes(10), Duration.ofHours(4),
            Duration.ofHours(24));

    public JobLimits {
        if (syncThreads < 1 || asyncThreads < 1 || queue < 0) {
            throw new IllegalArgumentException("job pools need at least one thread and a queue of 0 or more");
        }
    }
}
