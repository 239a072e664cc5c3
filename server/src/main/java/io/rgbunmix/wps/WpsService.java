package io.rgbunmix.wps;

import io.rgbunmix.auth.Caller;
import io.rgbunmix.execution.ExecutionRequest;
import io.rgbunmix.execution.Executions;
import io.rgbunmix.execution.GivenValue;
import io.rgbunmix.execution.Outcome;
import io.rgbunmix.execution.OutputRequest;
import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.jobs.ServerBusyException;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The /wps endpoint. WPS 1.0.0 over the process registry and the job manager: GetCapabilities, DescribeProcess,
 * Execute (synchronous, or asynchronous with a status location), and GeoServer's vendor operations
 * GetExecutionStatus, GetExecutionResult, Dismiss and GetExecutions. A request for version 2.0.0 (AcceptVersions,
 * a version parameter, or a document in the WPS 2.0 namespace) goes to {@link Wps2Service}. Answers with XML
 * documents or result files; never with a stack trace.
 */
public final class WpsService {
    private static final Logger LOG = LoggerFactory.getLogger(WpsService.class);
    /** WPS 1.0.0: the version a request that names none is answered in. */
    static final String VERSION = "1.0.0";
    /** WPS 2.0.2, whose documents say version 2.0.0 (a corrigendum keeps the version). */
    static final String VERSION_2 = Wps2Documents.VERSION;

    /** The file, in the job's directory, holding the request's inputs and outputs when lineage was asked for. */
    private static final String LINEAGE = "lineage.xml";
    /** How deep Executes may nest through references to this server. */
    private static final int MAX_CHAIN_DEPTH = 5;

    private final ProcessRegistry registry;
    private final JobManager jobs;
    private final Executions executions;
    private final Path staging;
    private final long maximumMegabytes;
    private final boolean statusUrlsOpen;
    private final Wps2Service wps2;

    /**
     * {@code statusUrlsOpen}: whether a status or result URL is served without a token (users own their jobs,
     * and the URL, unguessable, is what a WPS client polls without headers); a token presented with it must
     * still be the owner's.
     */
    public WpsService(ProcessRegistry registry, JobManager jobs, Executions executions, Path staging,
                      long maxRequestBytes, boolean statusUrlsOpen) throws IOException {
        this.statusUrlsOpen = statusUrlsOpen;
        this.registry = registry;
        this.jobs = jobs;
        this.executions = executions;
        this.staging = Files.createDirectories(staging);
        this.maximumMegabytes = Math.max(1, maxRequestBytes / (1024 * 1024));
        this.wps2 = new Wps2Service(registry, jobs, executions, this.staging, maximumMegabytes, Clock.systemUTC());
    }

    /**
     * Handles one request. {@code kvp} holds the query parameters (names in any case), {@code body} the
     * POST body or null, {@code endpoint} the absolute URL of /wps as the client reached it, and
     * {@code caller} who the request comes from (empty: no token, where the server needs one): it runs
     * executions, and sees and dismisses those it may.
     */
    public WpsResponse handle(Map<String, String> kvp, Path body, String endpoint, Optional<Caller> caller) {
        return handle(kvp, body, endpoint, caller, 0);
    }

    private WpsResponse handle(Map<String, String> kvp, Path body, String endpoint, Optional<Caller> caller, int depth) {
        String version = VERSION;   // the version whose exception report words a refusal
        try {
            Map<String, String> parameters = new LinkedHashMap<>();
            kvp.forEach((k, v) -> parameters.put(k.toLowerCase(Locale.ROOT), v));
            if (body != null) {
                if (Files.size(body) == 0) {
                    throw WpsException.client("MissingParameterValue", "request", "the POST body is empty: POST a WPS "
                            + "1.0.0 or 2.0 XML request, or send key-value parameters with GET");
                }
                ExecuteParser.Root root = ExecuteParser.root(body);
                String spoken = Wps2Documents.WPS.equals(root.namespace()) ? VERSION_2
                        : WpsDocuments.WPS.equals(root.namespace()) ? VERSION : null;
                if (spoken == null) {
                    throw WpsException.client("OperationNotSupported", null, "not a WPS 1.0.0 or 2.0 request: "
                            + root.name());
                }
                version = spoken;   // a refusal of the version itself is worded in the document's own
                if (!root.name().equals("GetCapabilities") && root.version() != null && !root.version().isBlank()
                        && !root.version().equals(spoken)) {
                    throw WpsException.client("InvalidParameterValue", "version", "version '" + root.version()
                            + "' is not the version of the request's namespace (WPS " + spoken + ")");
                }
                version = version(root.name(), root.acceptVersions(), root.version(), spoken);
                String operation = root.name().toLowerCase(Locale.ROOT);
                authorise(operation, caller);
                return version.equals(VERSION_2) ? wps2(operation, root.identifiers(), root.jobId(), body, endpoint,
                        caller, depth) : xmlRequest(root, body, endpoint, caller, depth);
            }
            String service = parameters.get("service");
            if (service == null) {
                throw WpsException.client("MissingParameterValue", "service", "parameter 'service' is required");
            }
            if (!service.equalsIgnoreCase("WPS")) {
                throw WpsException.client("InvalidParameterValue", "service", "this endpoint serves WPS, not " + service);
            }
            String request = ExecuteParser.required(parameters, "request");
            String operation = request.toLowerCase(Locale.ROOT);
            String accept = parameters.get("acceptversions");
            boolean onlyTwo = operation.equals("getstatus") || operation.equals("getresult")
                    || (operation.equals("dismiss") && parameters.containsKey("jobid"));
            version = version(request, accept == null ? List.of() : List.of(accept.split(",")), parameters.get("version"),
                    onlyTwo ? VERSION_2 : VERSION);
            authorise(operation, caller);
            if (version.equals(VERSION_2)) {
                String identifiers = parameters.get("identifier");
                return wps2(operation, identifiers == null ? List.of() : List.of(identifiers.split(",")),
                        parameters.get("jobid"), null, endpoint, caller, depth);
            }
            return switch (operation) {
                case "getcapabilities" -> WpsResponse.xml(200, WpsDocuments.capabilities(registry, endpoint));
                case "describeprocess" -> describe(ExecuteParser.required(parameters, "identifier"));
                case "execute" -> execute(folder -> ExecuteParser.fromKvp(parameters, folder), endpoint,
                        caller.get(), depth);
                case "getexecutionstatus" -> executionStatus(known(executionId(parameters), caller), endpoint);
                case "getexecutionresult" -> executionResult(known(executionId(parameters), caller),
                        ExecuteParser.required(parameters, "outputId"));
                case "dismiss" -> dismiss(known(executionId(parameters), caller), endpoint);
                case "getexecutions" -> executions(parameters, endpoint, caller.get());
                default -> throw WpsException.client("OperationNotSupported", "request", "request '" + request
                        + "' is not supported; use GetCapabilities, DescribeProcess, Execute, GetExecutionStatus, "
                        + "GetExecutionResult, Dismiss or GetExecutions (WPS 2.0: GetStatus and GetResult)");
            };
        } catch (WpsException e) {
            return version.equals(VERSION_2) ? Wps2Service.error(e) : error(e);
        } catch (IOException | RuntimeException e) {
            LOG.error("WPS request {} failed", kvp.getOrDefault("request", body == null ? "?" : "(POST)"), e);
            WpsException internal = new WpsException("NoApplicableCode", null,
                    "internal error; the server's log has the details", 500);
            return version.equals(VERSION_2) ? Wps2Service.error(internal) : error(internal);
        }
    }

    /**
     * Which version answers: for GetCapabilities, the first of AcceptVersions this server speaks (OWS version
     * negotiation), else the {@code version} given, else {@code fallback}; for every other operation, the
     * {@code version} given, which must be one this server speaks, else {@code fallback}.
     */
    private static String version(String request, List<String> accepted, String given, String fallback)
            throws WpsException {
        boolean capabilities = request.equalsIgnoreCase("GetCapabilities");
        if (capabilities && !accepted.isEmpty()) {
            return accepted.stream().map(String::trim).filter(v -> v.equals(VERSION) || v.equals(VERSION_2))
                    .findFirst().orElseThrow(() -> WpsException.client("VersionNegotiationFailed", "AcceptVersions",
                            "this server speaks WPS " + VERSION + " and " + VERSION_2 + "; AcceptVersions asked for "
                                    + String.join(",", accepted)));
        }
        if (given == null || given.isBlank()) {
            return fallback;
        }
        String version = given.trim();
        if (version.equals(VERSION) || version.equals(VERSION_2)) {
            return version;
        }
        throw WpsException.client(capabilities ? "VersionNegotiationFailed" : "InvalidParameterValue", "version",
                "version '" + version + "' is not supported; this server speaks WPS " + VERSION + " and " + VERSION_2);
    }

    /**
     * Refuses a request without a token where the operation needs one: everything but GetCapabilities and
     * DescribeProcess, and, where status URLs are open, the status and result operations.
     */
    private void authorise(String operation, Optional<Caller> caller) throws WpsException {
        boolean open = operation.equals("getcapabilities") || operation.equals("describeprocess")
                || (statusUrlsOpen && (operation.equals("getexecutionstatus") || operation.equals("getexecutionresult")
                || operation.equals("getstatus") || operation.equals("getresult")));
        if (caller.isEmpty() && !open) {
            throw unauthorized();
        }
    }

    /** A WPS 2.0 request, from KVP ({@code body} null) or XML. */
    private WpsResponse wps2(String operation, List<String> identifiers, String jobId, Path body, String endpoint,
                             Optional<Caller> caller, int depth) throws WpsException, IOException {
        return switch (operation) {
            case "getcapabilities" -> wps2.capabilities(endpoint);
            case "describeprocess" -> wps2.describe(identifiers);
            case "execute" -> {
                if (body == null) {
                    throw WpsException.client("OperationNotSupported", "request", "WPS 2.0 takes Execute as XML only: "
                            + "POST a wps:Execute document");
                }
                refuseWhenFull();
                yield wps2.execute(body, endpoint, caller.get(), chained(endpoint, caller.get(), depth));
            }
            case "getstatus" -> wps2.status(jobId, caller);
            case "getresult" -> wps2.result(jobId, caller, endpoint);
            case "dismiss" -> wps2.dismiss(jobId, caller);
            default -> throw WpsException.client("OperationNotSupported", "request", "request '" + operation
                    + "' is not a WPS 2.0 operation; use GetCapabilities, DescribeProcess, Execute, GetStatus, "
                    + "GetResult or Dismiss");
        };
    }

    private static WpsResponse error(WpsException e) {
        return WpsResponse.refusal(e, WpsDocuments::exceptionReport);
    }

    private static WpsException unauthorized() {
        return new WpsException("NoApplicableCode", null,
                "this operation needs a bearer token (header Authorization: Bearer ...)", 401);
    }

    /**
     * The answer to a request that the HTTP layer refused before WPS read it: a body too large (413,
     * answered as FileSizeExceeded), unreadable (400), or a method or path that is not served (405, 404).
     * {@code allow} lists the methods served when the method was wrong.
     */
    public WpsResponse refused(int status, String message, String allow) {
        WpsResponse report = error(status == 413 ? WpsException.client("FileSizeExceeded", null, message)
                : new WpsException("NoApplicableCode", null, message, status));
        return allow == null ? report : new WpsResponse(report.status(), report.contentType(), report.body(), null,
                Map.of("Allow", allow));
    }

    private WpsResponse xmlRequest(ExecuteParser.Root root, Path body, String endpoint, Optional<Caller> caller,
                                   int depth) throws WpsException, IOException {
        return switch (root.name()) {
            case "GetCapabilities" -> WpsResponse.xml(200, WpsDocuments.capabilities(registry, endpoint));
            case "DescribeProcess" -> describe(String.join(",", root.identifiers()));
            case "Execute" -> execute(folder -> ExecuteParser.fromXml(body, folder), endpoint, caller.get(), depth);
            default -> throw WpsException.client("OperationNotSupported", null, "request '" + root.name()
                    + "' is not supported");
        };
    }

    private WpsResponse describe(String identifiers) throws WpsException, IOException {
        return WpsResponse.xml(200, WpsDocuments.processDescriptions(described(registry,
                List.of(identifiers.split(",")), "InvalidParameterValue"), maximumMegabytes));
    }

    private Process<?> process(String identifier) throws WpsException {
        return find(registry, identifier, "InvalidParameterValue");
    }

    /**
     * The processes a DescribeProcess names, in its order ("ALL": every one); {@code code} is the version's exception
     * code for an identifier no process has.
     */
    static List<ProcessDescription> described(ProcessRegistry registry, List<String> identifiers, String code)
            throws WpsException {
        List<ProcessDescription> found = new ArrayList<>();
        for (String id : identifiers) {
            if (id.trim().equalsIgnoreCase("ALL")) {
                registry.processes().forEach(p -> found.add(p.description()));
            } else {
                found.add(find(registry, id.trim(), code).description());
            }
        }
        return found;
    }

    /** The process of a WPS identifier; {@code code} is the version's exception code for one no process has. */
    static Process<?> find(ProcessRegistry registry, String identifier, String code) throws WpsException {
        return registry.byWpsIdentifier(identifier).orElseThrow(() -> WpsException.client(code, "Identifier",
                "no process '" + identifier + "'; GetCapabilities lists them"));
    }

    /**
     * Refuses an Execute before it is parsed when neither pool can take a job (whether it will run
     * synchronously or not is only known once the request has been read): under overload, refusing
     * must stay cheap.
     */
    private void refuseWhenFull() throws WpsException {
        try {
            jobs.ensureRoom(false);
        } catch (ServerBusyException syncFull) {
            try {
                jobs.ensureRoom(true);
            } catch (ServerBusyException bothFull) {
                throw new WpsException("ServerBusy", null, bothFull.getMessage(), 503);
            }
        }
    }

    /** Reads an Execute request, writing its inline complex inputs into the given staging folder. */
    private interface ExecuteReader {
        ExecuteRequest read(Path folder) throws WpsException, IOException;
    }

    /** Reads the request, runs it through the one execution pipeline, and words the outcome. */
    private WpsResponse execute(ExecuteReader reader, String endpoint, Caller caller, int depth)
            throws WpsException, IOException {
        refuseWhenFull();
        Path inputFolder = Staging.newFolder(staging);
        ExecuteRequest request;
        Process<?> process;
        List<Path> kept;
        try {
            request = reader.read(inputFolder);
            process = process(request.identifier());
            Path lineage = inputFolder.resolve(LINEAGE);
            if (request.lineage()) {
                WpsDocuments.lineage(request, lineage);
            }
            Path form = inputFolder.resolve(JobOutputs.FILE);
            JobOutputs.write(asReference(request), form);
            kept = request.lineage() ? List.of(lineage, form) : List.of(form);
        } catch (WpsException | IOException | RuntimeException e) {
            Staging.delete(inputFolder);
            throw e;
        }
        ExecutionRequest.OutputsCheck oneRaw = outputs -> {
            if (request.raw() && outputs.size() != 1) {
                throw new InputException(InputException.INVALID, "RawDataOutput", "RawDataOutput names exactly one output");
            }
        };
        try {
            return worded(executions.execute(new ExecutionRequest(process, request.inputs(),
                    request.outputs().stream().map(o -> new OutputRequest(o.identifier(), o.mimeType())).toList(),
                    request.store(), caller.subject(), inputFolder,
                    new ExecutionRequest.Extras(oneRaw, kept, chained(endpoint, caller, depth), null))),
                    request, process.description(), endpoint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WpsException("NoApplicableCode", null, "interrupted", 500);
        }
    }

    /** Each requested output, and whether it is wanted as a reference rather than inline. */
    private static Map<String, Boolean> asReference(ExecuteRequest request) {
        Map<String, Boolean> references = new LinkedHashMap<>();
        request.outputs().forEach(o -> references.put(o.identifier(), o.asReference()));
        return references;
    }

    /**
     * An execution's outcome in WPS 1.0.0's words: an ExceptionReport for a refused input or a full server, the
     * raw output, or an ExecuteResponse (accepted with its status location, succeeded, or failed).
     */
    private WpsResponse worded(Outcome outcome, ExecuteRequest request, ProcessDescription description,
                               String endpoint) throws WpsException, IOException {
        if (outcome instanceof Outcome.Refused refused) {
            throw WpsException.client(refused.code(), refused.locator(), refused.message());
        }
        if (outcome instanceof Outcome.Busy busy) {
            throw new WpsException("ServerBusy", null, busy.message(), 503);
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            JobStatus job = accepted.job();
            return WpsResponse.xml(200, WpsDocuments.executeResponse(description, job, capabilitiesUrl(endpoint),
                    statusUrl(endpoint, job.id()), List.of(), jobs.file(job.id(), LINEAGE).orElse(null)));
        }
        JobStatus done = outcome instanceof Outcome.Succeeded succeeded ? succeeded.job() : ((Outcome.Failed) outcome).job();
        if (request.raw()) {
            if (!(outcome instanceof Outcome.Succeeded succeeded)) {
                throw new WpsException("NoApplicableCode", null, "process failed: " + done.message(), 500);
            }
            OutputRequest output = succeeded.outputs().get(0);
            return new WpsResponse(200, output.mimeType(), null,
                    jobs.result(done.id(), done.results().get(0)).orElseThrow(), Map.of());
        }
        return WpsResponse.xml(200, WpsDocuments.executeResponse(description, done, capabilitiesUrl(endpoint), null,
                JobOutputs.of(jobs, description, done, endpoint, asReference(request), dismissedMeanwhile(done.id())), jobs.file(done.id(), LINEAGE).orElse(null)));
    }

    /**
     * An Execute against this server, given as a reference, runs in-process (chaining, depth-limited, on behalf
     * of the same caller) rather than over the network.
     */
    private ExecutionRequest.OwnReferences chained(String endpoint, Caller caller, int depth) {
        return new ExecutionRequest.OwnReferences() {
            @Override
            public boolean answers(GivenValue.Reference reference) {
                return isThisServer(reference.href(), endpoint);
            }

            @Override
            public void answer(String input, GivenValue.Reference reference, Path body, Path file)
                    throws InputException, IOException {
                if (depth >= MAX_CHAIN_DEPTH) {
                    throw new InputException(InputException.INVALID, input, "Executes nest deeper than "
                            + MAX_CHAIN_DEPTH + " levels");
                }
                Map<String, String> kvp = new LinkedHashMap<>();
                String query = URI.create(reference.href().trim()).getRawQuery();
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    kvp.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                WpsResponse nested = handle(kvp, body, endpoint, Optional.of(caller), depth + 1);
                if (nested.status() != 200) {
                    throw new InputException(InputException.INVALID, input, "the nested request for input '" + input
                            + "' failed: " + new String(nested.body(), StandardCharsets.UTF_8)
                            .replaceAll("(?s).*<ows:ExceptionText>(.*)</ows:ExceptionText>.*", "$1"));
                }
                if (nested.file() != null) {
                    Files.copy(nested.file(), file);
                } else {
                    Files.write(file, nested.body());
                }
            }
        };
    }

    /** Whether a URL is this server's WPS endpoint (same port and path; a loopback name for the host). */
    private static boolean isThisServer(String href, String endpoint) {
        try {
            URI target = URI.create(href.trim());
            URI self = URI.create(endpoint);
            boolean path = ("/wps".equals(target.getPath()) || "/ows".equals(target.getPath()));
            boolean host = target.getHost() != null && (target.getHost().equalsIgnoreCase(self.getHost())
                    || InetAddress.getByName(target.getHost()).isLoopbackAddress());
            return path && host && target.getPort() == self.getPort();
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    private static String executionId(Map<String, String> parameters) throws WpsException {
        String id = ExecuteParser.required(parameters, "executionId");
        if (!JobManager.isValidId(id)) {
            throw WpsException.client("InvalidParameterValue", "executionId", "'" + id + "' is not an execution id");
        }
        return id;
    }

    /**
     * The execution, if the request may see it: with a token, only the caller's own (another user's is as
     * unknown as a missing one); without, only where status URLs are open.
     */
    private JobStatus known(String id, Optional<Caller> caller) throws WpsException {
        return jobs.status(id).filter(job -> caller.map(c -> c.sees(job)).orElse(true)).orElseThrow(() -> WpsException.client("InvalidParameterValue", "executionId",
                "unknown execution '" + id + "' (finished executions expire)"));
    }

    private WpsResponse executionStatus(JobStatus status, String endpoint) throws WpsException, IOException {
        String id = status.id();
        ProcessDescription description = registry.byId(status.process()).orElseThrow().description();
        try {
            return WpsResponse.xml(200, WpsDocuments.executeResponse(description, status, capabilitiesUrl(endpoint),
                    statusUrl(endpoint, id), JobOutputs.of(jobs, description, status, endpoint, JobOutputs.read(jobs, id), dismissedMeanwhile(id)),
                    jobs.file(id, LINEAGE).orElse(null)));
        } catch (NoSuchFileException e) {
            throw dismissedMeanwhile(id);
        }
    }

    /** A Dismiss of the same execution ran while its status document was being made, and took its files. */
    private static WpsException dismissedMeanwhile(String id) {
        return WpsException.client("InvalidParameterValue", "executionId", "execution " + id
                + " was dismissed while its status was read");
    }

    private WpsResponse executionResult(JobStatus status, String outputId) throws WpsException {
        String id = status.id();
        if (status.state() != JobState.SUCCEEDED) {
            throw WpsException.client("InvalidParameterValue", "executionId", "execution " + id + " has not succeeded ("
                    + status.state().name().toLowerCase(Locale.ROOT) + ")");
        }
        Path file = jobs.result(id, outputId).orElseThrow(() -> WpsException.client("InvalidParameterValue",
                "outputId", "execution " + id + " has no output '" + outputId + "'"));
        return new WpsResponse(200, Format.mediaTypeOf(outputId), null, file, Map.of());
    }

    private WpsResponse dismiss(JobStatus status, String endpoint) throws WpsException, IOException {
        JobStatus dismissed = jobs.dismiss(status.id()).orElse(status);
        ProcessDescription description = registry.byId(status.process()).orElseThrow().description();
        return WpsResponse.xml(200, WpsDocuments.executeResponse(description, dismissed, capabilitiesUrl(endpoint),
                null, List.of()));
    }

    /**
     * GeoServer's GetExecutions: the executions, newest first, optionally of one process ({@code identifier})
     * or in one state ({@code status}: ACCEPTED, RUNNING, SUCCEEDED, FAILED), paged by {@code startIndex}
     * and {@code maxFeatures}.
     */
    private WpsResponse executions(Map<String, String> parameters, String endpoint, Caller caller)
            throws WpsException, IOException {
        String identifier = parameters.get("identifier");
        String state = parameters.get("status");
        int start = nonNegative(parameters, "startindex", 0);
        int max = nonNegative(parameters, "maxfeatures", 100);
        List<WpsDocuments.Execution> all = new ArrayList<>();
        for (JobStatus job : jobs.list()) {
            if (!caller.sees(job)) {
                continue;
            }
            Optional<Process<?>> process = registry.byId(job.process());
            if (process.isEmpty() || (identifier != null && !process.get().description().wpsIdentifier().equals(identifier))
                    || (state != null && !job.state().name().equalsIgnoreCase(state))) {
                continue;
            }
            all.add(new WpsDocuments.Execution(process.get().description(), job, statusUrl(endpoint, job.id())));
        }
        long end = (long) start + max;   // both may be Integer.MAX_VALUE
        List<WpsDocuments.Execution> page = all.subList(Math.min(start, all.size()), (int) Math.min(all.size(), end));
        String next = end < all.size() ? endpoint + "?service=WPS&version=1.0.0&request=GetExecutions&startIndex="
                + end + "&maxFeatures=" + max : null;
        return WpsResponse.xml(200, WpsDocuments.executions(page, all.size(), capabilitiesUrl(endpoint), next));
    }

    private static int nonNegative(Map<String, String> parameters, String name, int fallback) throws WpsException {
        String text = parameters.get(name);
        try {
            int value = text == null ? fallback : Integer.parseInt(text.trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw WpsException.client("InvalidParameterValue", name, name + " must be a whole number >= 0");
        }
    }

    private static String capabilitiesUrl(String endpoint) {
        return endpoint + "?service=WPS&request=GetCapabilities";
    }

    private static String statusUrl(String endpoint, String id) {
        return endpoint + "?service=WPS&version=1.0.0&request=GetExecutionStatus&executionId=" + id;
    }

}
