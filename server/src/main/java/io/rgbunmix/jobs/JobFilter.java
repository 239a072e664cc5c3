package io.rgbunmix.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which jobs a list shows, whatever the protocol asks it in (OGC API's {@code processID}, {@code status},
 * {@code datetime}, {@code minDuration} and {@code maxDuration}; WPS GetExecutions' {@code identifier} and
 * {@code status}). An empty set or a null bound does not filter.
 *
 * @param processes   process ids; empty: every process
 * @param states      states; empty: every state
 * @param from        created at or after this, or null
 * @param to          created at or before this, or null
 * @param minDuration run at least this long (a job not yet started has no duration, and is left out), or null
 * @param maxDuration run at most this long, or null
 */
public record JobFilter(Set<String> processes, Set<JobState> states, Instant from, Instant to, Duration minDuration,
                        Duration maxDuration) {
    public static final JobFilter ALL = new JobFilter(Set.of(), Set.of(), null, null, null, null);

    public JobFilter {
        processes = Set.copyOf(processes);
        states = Set.copyOf(states);
    }

    /** Whether {@code job} is shown; a running job's duration runs to {@code now}. */
    public boolean matches(JobStatus job, Instant now) {
        if (!processes.isEmpty() && !processes.contains(job.process())) {
            return false;
        }
        if (!states.isEmpty() && !states.contains(job.state())) {
            return false;
        }
        if ((from != null && job.created().isBefore(from)) || (to != null && job.created().isAfter(to))) {
            return false;
        }
        if (minDuration == null && maxDuration == null) {
            return true;
        }
        if (job.started() == null) {
            return false;
        }
        Duration ran = Duration.between(job.started(), job.finished() != null ? job.finished() : now);
        return (minDuration == null || ran.compareTo(minDuration) >= 0)
                && (maxDuration == null || ran.compareTo(maxDuration) <= 0);
    }
}
