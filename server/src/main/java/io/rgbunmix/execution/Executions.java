package io.rgbunmix.execution;

import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRefusedException;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.jobs.JobWork;
import io.rgbunmix.jobs.ServerBusyException;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessInputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution of a process, the same for every protocol, as pygeoapi's {@code execute_process}: the inputs
 * checked as given (a request bound to fail costs no download), the outputs chosen, the references fetched under
 * the server's rules (or left in place where the process reads them in parts) and everything checked again with
 * its files, the process's own checks, then a job run at once or stored for a worker. The staging folder is gone
 * afterwards whatever happens. A protocol only reads its request into an {@link ExecutionRequest} and words the
 * {@link Outcome}; a third protocol is one more reader and writer.
 */
public final class Executions {
    private final JobManager jobs;
    private final ReferenceFetcher fetcher;
    private final Callbacks callbacks;

    public Executions(JobManager jobs, ReferenceFetcher fetcher, Callbacks callbacks) {
        this.jobs = jobs;
        this.fetcher = fetcher;
        this.callbacks = callbacks;
    }

    /**
     * Runs the request; its folder is deleted once the inputs are no longer needed: at once for a stored job or a
     * refusal, after the run for one run at once.
     *
     * @throws IOException when the server cannot stage or store what it was given (its fault, not the client's)
     */
    public Outcome execute(ExecutionRequest request) throws IOException, InterruptedException {
        Process<?> process = request.process();
        ProcessDescription description = process.description();
        Path folder = request.folder();
        try {
            ProcessInputs.validate(description, unfetched(request.inputs()));
            List<OutputRequest> outputs = process.outputs(request.outputs());
            ProcessInputs checked = ProcessInputs.validate(description, stage(request));
            JobWork run = Process.work(process, checked, outputs);
            request.extras().outputsCheck().check(outputs);
            Callbacks.Subscription subscriber = request.extras().subscriber();
            if (subscriber != null) {
                callbacks.allowed(subscriber);
            }
            List<Path> kept = request.extras().kept();
            if (request.async()) {
                JobStatus accepted = jobs.submitStored(description.id(), request.owner(), directory -> {
                    StoredExecution.of(checked, outputs).writeTo(directory);
                    for (Path file : kept) {
                        Files.copy(file, directory.resolve(file.getFileName()));
                    }
                });
                Staging.delete(folder);
                if (subscriber != null) {
                    callbacks.subscribe(accepted, subscriber);
                }
                return new Outcome.Accepted(accepted, outputs);
            }
            JobWork work = context -> {
                try {
                    return run.run(context);
                } finally {
                    Staging.delete(folder);
                }
            };
            JobStatus done = jobs.execute(description.id(), request.owner(), work, kept);
            if (subscriber != null) {
                callbacks.subscribe(done, subscriber);
            }
            return ended(done, outputs);
        } catch (InputException e) {
            Staging.delete(folder);
            return new Outcome.Refused(e.code(), e.locator(), e.getMessage(), null);
        } catch (ServerBusyException e) {
            Staging.delete(folder);
            return new Outcome.Busy(e.getMessage());
        } catch (IOException | InterruptedException | RuntimeException e) {
            Staging.delete(folder);
            throw e;
        }
    }

    /** A job run at once: its results, the input the process refused as it ran, or its failure. */
    private static Outcome ended(JobStatus done, List<OutputRequest> outputs) {
        if (done.state() == JobState.SUCCEEDED) {
            return new Outcome.Succeeded(done, outputs);
        }
        if (done.state() == JobState.FAILED && done.fault() != null) {
            return new Outcome.Refused(done.fault().code(), done.fault().locator(), done.message(), done);
        }
        return new Outcome.Failed(done);
    }

    /** The inputs as given, references without a file yet: enough to check names, literals and media types. */
    private static Map<String, List<InputValue>> unfetched(Map<String, List<GivenValue>> given) {
        Map<String, List<InputValue>> values = new LinkedHashMap<>();
        given.forEach((name, list) -> values.put(name, list.stream().map(value ->
                value instanceof GivenValue.Literal literal ? (InputValue) new InputValue.Literal(literal.text())
                        : value instanceof GivenValue.Inline inline ? new InputValue.Complex(inline.mimeType(), inline.file())
                        : value instanceof GivenValue.Collection collection
                        ? InputValue.Complex.of(new InputValue.Collection(collection.url(), collection.datetime()))
                        : new InputValue.Complex(((GivenValue.Reference) value).mimeType(), null)).toList()));
        return values;
    }

    /** The inputs with every reference fetched into the folder, or left on its server to be read in place. */
    private Map<String, List<InputValue>> stage(ExecutionRequest request) throws InputException, IOException {
        Map<String, List<InputValue>> staged = new LinkedHashMap<>();
        int n = 0;
        for (Map.Entry<String, List<GivenValue>> entry : request.inputs().entrySet()) {
            List<InputValue> values = new ArrayList<>();
            for (GivenValue value : entry.getValue()) {
                if (value instanceof GivenValue.Literal literal) {
                    values.add(new InputValue.Literal(literal.text()));
                } else if (value instanceof GivenValue.Inline inline) {
                    values.add(new InputValue.Complex(inline.mimeType(), inline.file()));
                } else if (value instanceof GivenValue.Collection collection) {
                    values.add(searched(entry.getKey(), collection));
                } else {
                    values.add(staged(request, entry.getKey(), (GivenValue.Reference) value,
                            request.folder().resolve("input-" + n++)));
                }
            }
            staged.put(entry.getKey(), values);
        }
        return staged;
    }

    /** A collection, its URL held to the reference rules: it is searched when the job runs, under the same rules. */
    private InputValue.Complex searched(String input, GivenValue.Collection collection) throws InputException {
        try {
            fetcher.check(collection.url());
        } catch (ReferenceRefusedException e) {
            throw new InputException(InputException.INVALID, input, e.getMessage());
        }
        return InputValue.Complex.of(new InputValue.Collection(collection.url(), collection.datetime()));
    }

    /**
     * One reference: a COG the process reads in parts is only checked and left on its server; one the protocol
     * answers itself (a chained Execute) is answered into {@code file}; anything else is fetched there.
     */
    private InputValue.Complex staged(ExecutionRequest request, String input, GivenValue.Reference reference, Path file)
            throws InputException, IOException {
        ExecutionRequest.OwnReferences own = request.extras().own();
        boolean answered = own.answers(reference);
        try {
            if (!answered && !reference.isPost() && request.process().readsInPlace(input, reference.mimeType())
                    && fetcher.servesRanges(reference.href())) {
                return InputValue.Complex.inPlace(reference.mimeType(), reference.href().trim());
            }
            Path bodyFile = file.resolveSibling(file.getFileName() + ".body");
            if (reference.bodyReference() != null) {
                fetcher.fetch(reference.bodyReference(), null, null, bodyFile);
            } else if (reference.body() != null) {
                Files.writeString(bodyFile, reference.body(), StandardCharsets.UTF_8);
            }
            Path body = Files.exists(bodyFile) ? bodyFile : null;
            if (answered) {
                own.answer(input, reference, body, file);
            } else {
                fetcher.fetch(reference.href(), reference.isPost() && body != null ? Files.readAllBytes(body) : null,
                        "text/xml", file);
            }
        } catch (ReferenceRefusedException e) {
            throw new InputException(InputException.INVALID, input, e.getMessage());
        }
        return new InputValue.Complex(reference.mimeType(), file);
    }
}
