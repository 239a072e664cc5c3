package io.rgbunmix.execution;

import io.rgbunmix.jobs.JobStatus;
import java.util.List;

/**
 * How an execution ended, for a protocol to word: accepted as a stored job, run to success, run and failed,
 * refused for an input (before any job, or by the process as it ran), or refused because the server is full.
 */
public sealed interface Outcome {
    /** Stored for a worker; the client polls the job. */
    record Accepted(JobStatus job, List<OutputRequest> outputs) implements Outcome {
    }

    /** Run while the client waited; its results are the job's, in the order of {@code outputs}. */
    record Succeeded(JobStatus job, List<OutputRequest> outputs) implements Outcome {
    }

    /** Run while the client waited, and failed for a reason that is not the client's. */
    record Failed(JobStatus job) implements Outcome {
    }

    /**
     * An input is at fault: the exception's code (InvalidParameterValue, MissingParameterValue ...), the input it
     * names, and why; {@code job} is the job that found it as it ran, or null when it was refused before any job.
     */
    record Refused(String code, String locator, String message, JobStatus job) implements Outcome {
    }

    /** No room for another job now. */
    record Busy(String message) implements Outcome {
    }
}
