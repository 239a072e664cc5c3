package io.rgbunmix.auth;

import io.rgbunmix.jobs.JobStatus;
import java.util.Objects;

/**
 * Who a request comes from, once its token is checked.
 *
 * @param subject       the token's {@code sub}: the user that jobs started by this request belong to; null where
 *                      jobs are everyone's (no authentication, or the shared token)
 * @param administrator whether the caller sees and dismisses every job, whoever started it
 */
public record Caller(String subject, boolean administrator) {
    /** The caller of a server without users: every job is theirs. */
    public static final Caller EVERYONE = new Caller(null, true);

    /** Whether this caller may see (read, dismiss) the job. */
    public boolean sees(JobStatus job) {
        return administrator || (subject != null && Objects.equals(subject, job.owner()));
    }
}
