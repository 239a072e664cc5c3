package io.rgbunmix.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Rebuilds a job's work from the files its {@link JobFiles} wrote into the job's directory. */
@FunctionalInterface
public interface WorkLoader {
    /** Never resumes anything: for job managers whose jobs are all in-memory work. */
    WorkLoader NONE = (process, directory) -> Optional.empty();

    /**
     * The work stored in {@code directory} for {@code process}; empty when nothing that can run was
     * stored there (such a job cannot be resumed after a restart).
     */
    Optional<JobWork> load(String process, Path directory) throws IOException;
}
