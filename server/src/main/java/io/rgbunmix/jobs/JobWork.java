package io.rgbunmix.jobs;

import java.util.List;

/** The work of one job: runs, writes its result files into the job's directory and names them. */
@FunctionalInterface
public interface JobWork {
    /** Returns the names of the result files written into {@code context.directory()}, in output order. */
    List<String> run(JobContext context) throws Exception;
}
