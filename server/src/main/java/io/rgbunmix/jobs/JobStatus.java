package io.rgbunmix.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job's status as persisted in its directory ({@code status.json}).
 *
 * @param percent  0..100, from the work's progress
 * @param message  a line for people: progress, the failure's reason, or the run's summary
 * @param results  names of the result files in the job's directory
 * @param fault    for a failed job whose input was at fault, the code and the input; else null
 * @param owner    the subject of the token that started it, when users sign in (OpenID Connect); null when
 *                 jobs are everyone's (no authentication, or the shared token)
 */
public record JobStatus(String id, String process, JobState state, int percent, String message,
                        Instant created, Instant started, Instant finished, List<String> results, JobFault fault,
                        String owner) {
    public JobStatus {
        results = results == null ? List.of() : List.copyOf(results);
    }

    public JobStatus(String id, String process, JobState state, int percent, String message,
                     Instant created, Instant started, Instant finished, List<String> results, JobFault fault) {
        this(id, process, state, percent, message, created, started, finished, results, fault, null);
    }

    public JobStatus(String id, String process, JobState state, int percent, String message,
                     Instant created, Instant started, Instant finished, List<String> results) {
        this(id, process, state, percent, message, created, started, finished, results, null);
    }

    static JobStatus accepted(String id, String process, Instant now, String owner) {
        return new JobStatus(id, process, JobState.ACCEPTED, 0, "accepted", now, null, null, List.of(), null, owner);
    }

    /** Accepted again after a restart interrupted it: same id and creation time, progress forgotten. */
    JobStatus resumed() {
        return new JobStatus(id, process, JobState.ACCEPTED, 0, "accepted again after a server restart", created,
                null, null, List.of(), null, owner);
    }

    JobStatus running(Instant now) {
        return new JobStatus(id, process, JobState.RUNNING, 0, "started", created, now, null, results, null, owner);
    }

    JobStatus progress(int newPercent, String newMessage) {
        return new JobStatus(id, process, state, newPercent, newMessage, created, started, finished, results, null, owner);
    }

    JobStatus finished(JobState end, String endMessage, List<String> files, Instant now) {
        return new JobStatus(id, process, end, end == JobState.SUCCEEDED ? 100 : percent, endMessage, created,
                started, now, files, null, owner);
    }

    JobStatus failedByClient(String endMessage, JobFault clientFault, Instant now) {
        return new JobStatus(id, process, JobState.FAILED, percent, endMessage, created, started, now, List.of(),
                clientFault, owner);
    }
}
