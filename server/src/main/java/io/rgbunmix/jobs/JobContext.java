package io.rgbunmix.jobs;

import java.nio.file.Path;

/** What running work sees of its job: where to write results, how to report, whether to stop. */
public interface JobContext {
    /** The job's own directory; result files written here are served by name. */
    Path directory();

    /** Reports progress; {@code done} of {@code total} units (windows, for the engine). */
    void progress(long done, long total);

    /** True once the job was dismissed or ran out of time: stop at the next safe point. */
    boolean isCancelled();
}
