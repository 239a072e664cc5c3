package io.rgbunmix.jobs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes everything a job needs to run into its directory: called before the job is accepted, so
 * that its work can be rebuilt from there by a {@link WorkLoader}, now and after a restart.
 */
@FunctionalInterface
public interface JobFiles {
    void writeTo(Path directory) throws IOException;
}
