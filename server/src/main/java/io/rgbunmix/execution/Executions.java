package io.rgbunmix.execution;

import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.jobs.JobWork;
import io.rgbunmix.jobs.ServerBusyException;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One execution of a process, the same for every protocol, as pygeoapi's {@code execute_process}: the inputs
 * checked as given (a request bound to fail costs no download), the outputs chosen, the inputs staged and checked
 * again with their files, the process's own checks, then a job run at once or stored for a worker; the staging
 * folder is gone afterwards whatever happens. A protocol only reads its request into {@link Inputs} and writes
 * the {@link Outcome} (or the refusal) in its own words.
 */
public final class Executions {
    private final JobManager jobs;

    public Executions(JobManager jobs) {
        this.jobs = jobs;
    }

    /** A request's inputs as a protocol reads them: with references not yet read, or staged into the folder. */
    public interface Inputs<E extends Exception> {
        Map<String, List<InputValue>> read(boolean fetch) throws E, InputException, IOException;
    }

    /** What a protocol checks of the chosen outputs once the inputs passed (WPS: one output for a raw answer). */
    public interface OutputsCheck {
        OutputsCheck NONE = outputs -> { };

        void check(List<OutputRequest> outputs) throws InputException;
    }

    /**
     * How to run it.
     *
     * @param async  stored for a worker (answered at once) rather than run while the client waits
     * @param owner  the caller's subject, or null on an open server
     * @param kept   files of the staging folder the job keeps beside its results (WPS: the lineage, the output form)
     */
    public record Mode(boolean async, String owner, List<Path> kept) {
    }

    /** The job (accepted, or done) and the outputs it writes, as the process chose them. */
    public record Outcome(JobStatus job, List<OutputRequest> outputs) {
    }

    /**
     * Runs {@code process} on the inputs read into {@code folder}, which is deleted once they are no longer needed:
     * at once for a stored job, after the run for one run at once, and on any refusal.
     */
    public <E extends Exception> Outcome execute(Process process, Inputs<E> inputs, List<OutputRequest> asked,
                                                 OutputsCheck outputsCheck, Mode mode, Path folder)
            throws E, InputException, ServerBusyException, IOException, InterruptedException {
        ProcessDescription description = process.description();
        try {
            ProcessInputs.validate(description, inputs.read(false));
            List<OutputRequest> outputs = process.outputs(asked);
            ProcessInputs checked = ProcessInputs.validate(description, inputs.read(true));
            process.check(checked);
            outputsCheck.check(outputs);
            if (mode.async()) {
                JobStatus accepted = jobs.submitStored(description.id(), mode.owner(), directory -> {
                    StoredExecution.of(checked, outputs).writeTo(directory);
                    for (Path file : mode.kept()) {
                        Files.copy(file, directory.resolve(file.getFileName()));
                    }
                });
                Staging.delete(folder);
                return new Outcome(accepted, outputs);
            }
            JobWork work = context -> {
                try {
                    return process.execute(checked, outputs, context);
                } finally {
                    Staging.delete(folder);
                }
            };
            return new Outcome(jobs.execute(description.id(), mode.owner(), work, mode.kept()), outputs);
        } catch (Exception e) {
            Staging.delete(folder);
            throw e;
        }
    }
}
