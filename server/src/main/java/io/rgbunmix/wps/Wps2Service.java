package io.rgbunmix.wps;

import io.rgbunmix.auth.Caller;
import io.rgbunmix.execution.ExecutionRequest;
import io.rgbunmix.execution.Executions;
import io.rgbunmix.execution.Outcome;
import io.rgbunmix.execution.OutputRequest;
import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WPS 2.0.2 over the same process registry, execution service and job store as WPS 1.0.0 and OGC API: GetCapabilities,
 * DescribeProcess (ProcessOfferings), Execute (sync, async or auto; a Result document or the raw output), GetStatus,
 * GetResult and Dismiss. {@link WpsService} reads the version and hands the request here; refusals are OWS 2.0
 * exception reports, with WPS 2.0's codes (NoSuchProcess, NoSuchInput, WrongInputData, NoSuchJob, ResultNotReady ...).
 */
final class Wps2Service {
    /** Kept with a job whose Execute asked response="raw": GetResult then answers with the output's bytes. */
    private static final String RAW = "raw-response";
    /** How soon a client is told to poll a job that has not ended. */
    private static final int POLL_SECONDS = 2;

    private final ProcessRegistry registry;
    private final JobManager jobs;
    private final Executions executions;
    private final Path staging;
    private final long maximumMegabytes;
    private final Clock clock;

    Wps2Service(ProcessRegistry registry, JobManager jobs, Executions executions, Path staging, long maximumMegabytes,
                Clock clock) {
        this.registry = registry;
        this.jobs = jobs;
        this.executions = executions;
        this.staging = staging;
        this.maximumMegabytes = maximumMegabytes;
        this.clock = clock;
    }

    WpsResponse capabilities(String endpoint) throws IOException {
        return WpsResponse.xml(200, Wps2Documents.capabilities(registry.processes().stream()
                .map(Process::description).toList(), endpoint));
    }

    /** DescribeProcess of each identifier ("ALL": every process). */
    WpsResponse describe(List<String> identifiers) throws WpsException, IOException {
        if (identifiers.isEmpty()) {
            throw WpsException.client("MissingParameterValue", "Identifier", "DescribeProcess names no process");
        }
        return WpsResponse.xml(200, Wps2Documents.processOfferings(WpsService.described(registry, identifiers,
                "NoSuchProcess"), maximumMegabytes));
    }

    private Process<?> process(String identifier) throws WpsException {
        return WpsService.find(registry, identifier, "NoSuchProcess");
    }

    /** Reads a WPS 2.0 Execute, runs it through the one execution service, and words the outcome. */
    WpsResponse execute(Path body, String endpoint, Caller caller, ExecutionRequest.OwnReferences own)
            throws WpsException, IOException {
        Path folder = Staging.newFolder(staging);
        Execute2Request request;
        List<Path> kept = new ArrayList<>();
        try {
            request = ExecuteParser.fromXml2(body, folder, id -> process(id).description());
            Map<String, Boolean> references = new LinkedHashMap<>();
            request.outputs().forEach(o -> references.put(o.identifier(), o.byReference()));
            kept.add(folder.resolve(JobOutputs.FILE));
            JobOutputs.write(references, kept.get(0));
            if (request.raw()) {
                kept.add(Files.createFile(folder.resolve(RAW)));
            }
        } catch (WpsException | IOException | RuntimeException e) {
            Staging.delete(folder);
            throw e;
        }
        Process<?> process = process(request.identifier());
        ExecutionRequest.OutputsCheck oneRaw = outputs -> {
            if (request.raw() && outputs.size() != 1) {
                throw new InputException(InputException.INVALID, "response", "response=\"raw\" returns exactly one "
                        + "output; name it with one wps:Output, or ask for a Result document");
            }
        };
        Outcome outcome;
        try {
            outcome = executions.execute(new ExecutionRequest(process, request.inputs(), request.outputs().stream()
                    .map(o -> new OutputRequest(o.identifier(), o.mimeType())).toList(),
                    request.mode() == Execute2Request.Mode.ASYNC, caller.subject(), folder,
                    new ExecutionRequest.Extras(oneRaw, kept, own, null)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WpsException("NoApplicableCode", null, "interrupted", 500);
        }
        ProcessDescription description = process.description();
        if (outcome instanceof Outcome.Refused refused) {
            Set<String> given = request.inputs().keySet();
            Set<String> asked = Set.copyOf(request.outputs().stream().map(Execute2Request.Output::identifier).toList());
            throw WpsException.client(code(refused.code(), refused.locator(), description, given, asked),
                    refused.locator(), refused.message());
        }
        if (outcome instanceof Outcome.Busy busy) {
            throw new WpsException("ServerBusy", null, busy.message(), 503);
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            return statusInfo(accepted.job());
        }
        if (outcome instanceof Outcome.Failed failed) {
            throw new WpsException("NoApplicableCode", null, "process failed: " + failed.job().message(), 500);
        }
        return result(((Outcome.Succeeded) outcome).job(), endpoint);
    }

    /**
     * An execution refusal in WPS 2.0's words: an input or output the process does not have, a wrong value for one
     * it has, or the OWS code as it was.
     */
    static String code(String code, String locator, ProcessDescription process, Set<String> givenInputs,
                       Set<String> askedOutputs) {
        if (!InputException.INVALID.equals(code) || locator == null) {
            return code;
        }
        if (process.input(locator).isPresent()) {
            return "WrongInputData";
        }
        if (process.output(locator).isPresent()) {
            return "NoSuchFormat";
        }
        return givenInputs.contains(locator) ? "NoSuchInput" : askedOutputs.contains(locator) ? "NoSuchOutput" : code;
    }

    /** GetStatus. */
    WpsResponse status(String jobId, Optional<Caller> caller) throws WpsException, IOException {
        return statusInfo(known(jobId, caller));
    }

    private WpsResponse statusInfo(JobStatus job) throws IOException {
        boolean ended = job.finished() != null || job.state() == JobState.DISMISSED;
        return WpsResponse.xml(200, Wps2Documents.statusInfo(job, jobs.expires(job).orElse(null),
                ended ? null : clock.instant().plusSeconds(POLL_SECONDS)));
    }

    /** GetResult: the Result document (or the raw output) of a succeeded job; why there is none, otherwise. */
    WpsResponse result(String jobId, Optional<Caller> caller, String endpoint) throws WpsException, IOException {
        JobStatus job = known(jobId, caller);
        switch (job.state()) {
            case ACCEPTED, RUNNING -> throw WpsException.client("ResultNotReady", "JobID", "job " + jobId + " is "
                    + Wps2Documents.status(job).toLowerCase(Locale.ROOT) + "; GetStatus tells when it ends");
            case DISMISSED -> throw noSuchJob(jobId);
            case FAILED -> {
                if (job.fault() != null) {
                    ProcessDescription description = registry.byId(job.process()).orElseThrow().description();
                    throw WpsException.client(code(job.fault().code(), job.fault().locator(), description, Set.of(),
                            Set.of()), job.fault().locator(), job.message());
                }
                throw new WpsException("NoApplicableCode", null, "process failed: " + job.message(), 500);
            }
            default -> {
                return result(job, endpoint);
            }
        }
    }

    private WpsResponse result(JobStatus job, String endpoint) throws WpsException, IOException {
        String id = job.id();
        if (jobs.file(id, RAW).isPresent()) {
            String file = job.results().get(0);
            return new WpsResponse(200, Format.mediaTypeOf(file), null,
                    jobs.result(id, file).orElseThrow(() -> noSuchJob(id)), Map.of());
        }
        ProcessDescription description = registry.byId(job.process()).orElseThrow().description();
        return WpsResponse.xml(200, Wps2Documents.result(id, jobs.expires(job).orElse(null), JobOutputs.of(jobs,
                description, job, endpoint, JobOutputs.read(jobs, id), noSuchJob(id))));
    }

    /** Dismiss: stops a job that has not ended, or deletes the results of one that has. */
    WpsResponse dismiss(String jobId, Optional<Caller> caller) throws WpsException, IOException {
        JobStatus job = known(jobId, caller);
        return statusInfo(jobs.dismiss(job.id()).orElse(job));
    }

    /**
     * The job, if the request may see it: with a token, only the caller's own (another user's is as unknown as a
     * missing one); without, only where status URLs are open ({@link WpsService} decides that before calling).
     */
    private JobStatus known(String jobId, Optional<Caller> caller) throws WpsException {
        if (jobId == null || jobId.isBlank()) {
            throw WpsException.client("MissingParameterValue", "JobID", "the request names no job (JobID)");
        }
        String id = jobId.trim();
        if (!JobManager.isValidId(id)) {
            throw noSuchJob(id);
        }
        return jobs.status(id).filter(job -> job.state() != JobState.DISMISSED)   // WPS 2.0: a dismissed job is gone
                .filter(job -> caller.map(c -> c.sees(job)).orElse(true)).orElseThrow(() -> noSuchJob(id));
    }

    private static WpsException noSuchJob(String id) {
        return WpsException.client("NoSuchJob", "JobID", "no job '" + id + "' (finished jobs expire, and a dismissed "
                + "job is gone)");
    }

    /** A refusal as an OWS 2.0 ExceptionReport, with its HTTP status (and Retry-After when the server is full). */
    static WpsResponse error(WpsException e) {
        return WpsResponse.refusal(e, Wps2Documents::exceptionReport);
    }
}
