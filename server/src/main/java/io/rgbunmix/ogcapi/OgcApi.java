package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.rgbunmix.auth.Caller;
import io.rgbunmix.config.Settings;
import io.rgbunmix.execution.Callbacks;
import io.rgbunmix.execution.ExecutionRequest;
import io.rgbunmix.execution.Executions;
import io.rgbunmix.execution.GivenValue;
import io.rgbunmix.execution.Outcome;
import io.rgbunmix.execution.OutputRequest;
import io.rgbunmix.execution.Process;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.html.Browsers;
import io.rgbunmix.html.ExecuteForm;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.ResultMap;
import io.rgbunmix.http.RequestBodies;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.jobs.ServerBusyException;
import io.rgbunmix.output.WebMapWriter;
import io.rgbunmix.processes.Box;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.Vector;

/**
 * OGC API - Processes - Part 1: Core over the process registry and the job manager: landing page,
 * conformance, OpenAPI, process list and descriptions, execution (synchronous, or asynchronous with
 * {@code Prefer: respond-async}), job list, status, results and dismissal. Errors are RFC 7807 problems.
 * A browser ({@link Browsers}) gets every resource as an HTML page made from the same JSON document,
 * each linking the other; a job's results page maps its windows.
 */
public final class OgcApi {
    /** Conformance classes declared, and honoured, by this API. */
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/ogc-process-description",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss",
            "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/callback",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-processes-3/0.0/conf/collection-input");
    private static final String JSON_TYPE = "application/json";
    private static final String OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";

    /** Who a request comes from, as its token proved; empty when it has none and the server needs one. */
    public interface Access {
        Optional<Caller> caller(Context ctx);
    }

    /** A refusal carrying its problem: OGC exception name (or URI), HTTP status and title. */
    private static final class Problem extends Exception {
        final String type;
        final int status;
        final String title;

        Problem(String type, int status, String title, String detail) {
            super(detail);
            this.type = type;
            this.status = status;
            this.title = title;
        }
    }

    private final ProcessRegistry registry;
    private final JobManager jobs;
    private final Executions executions;
    private final Path staging;
    private final Access access;
    private final RequestBodies bodies;
    private final Pages pages;
    private final Settings.WebMap map;
    private final ApiSecurity security;

    public OgcApi(ProcessRegistry registry, JobManager jobs, Executions executions, Path staging, Access access,
                  RequestBodies bodies, Pages pages, Settings settings) throws IOException {
        this.registry = registry;
        this.jobs = jobs;
        this.executions = executions;
        this.staging = Files.createDirectories(staging);
        this.access = access;
        this.bodies = bodies;
        this.pages = pages;
        this.map = settings.map();
        this.security = ApiSecurity.of(settings);
    }

    /** Adds the API's routes to the server. */
    public void register(Javalin app) {
        app.get("/", ctx -> handle(ctx, doc -> page("landing", "rgbunmix", ctx, doc, Map.of()), () -> landing(base(ctx))));
        app.get("/conformance", ctx -> handle(ctx, doc -> page("conformance", "Conformance", ctx, doc, Map.of()), () -> {
            ObjectNode body = ProcessJson.JSON.createObjectNode();
            ArrayNode classes = body.putArray("conformsTo");
            CONFORMANCE.forEach(classes::add);
            body.putArray("links").add(ProcessJson.htmlAlternate(base(ctx) + "/conformance"));
            return body;
        }));
        app.get("/api", ctx -> {
            ObjectNode api = OpenApiDocument.build(base(ctx), registry, security);
            if (Browsers.wantsHtml(ctx.queryParam("f"), ctx.header("Accept"))) {
                ctx.status(200).html(page("api", "API definition", ctx, api,
                        Map.of("operations", OpenApiDocument.operations(api))));
            } else {
                ctx.header("Link", "<" + base(ctx) + "/api?f=html>; rel=\"alternate\"; type=\"text/html\"");
                ctx.status(200).contentType(OPENAPI_TYPE);
                ctx.result(ProcessJson.JSON.writeValueAsBytes(api));
            }
        });
        app.get("/processes", ctx -> handle(ctx, doc -> page("processes", "Processes", ctx, doc, Map.of()),
                () -> processes(ctx)));
        app.get("/processes/{id}", ctx -> handle(ctx, doc -> page("process", doc.path("title").asText(), ctx, doc,
                        Map.of("fields", ExecuteForm.fields(doc), "outputs", ExecuteForm.outputs(doc))),
                () -> ProcessJson.description(process(ctx.pathParam("id")).description(), base(ctx))));
        app.post("/processes/{id}/execution", ctx -> handle(ctx, null, () -> {
            execute(ctx);
            return null;
        }));
        app.get("/processes/{id}/execution", ctx -> handle(ctx, null, () -> {
            ctx.header("Allow", "POST");
            throw new Problem("method-not-allowed", 405, "method not allowed",
                    "an execution is started with POST (OGC API - Processes, /req/core/process-execute-op)");
        }));
        app.get("/jobs", ctx -> handle(ctx, doc -> page("jobs", "Jobs", ctx, doc, Map.of()), () -> jobList(ctx)));
        app.get("/jobs/{id}", ctx -> handle(ctx, doc -> page("job", "Job " + doc.path("jobID").asText(), ctx, doc,
                Map.of()), () -> ProcessJson.statusInfo(job(ctx), base(ctx))));
        app.delete("/jobs/{id}", ctx -> handle(ctx, null, () -> {
            JobStatus job = job(ctx);
            return ProcessJson.statusInfo(jobs.dismiss(job.id()).orElse(job), base(ctx));
        }));
        app.get("/jobs/{id}/results", ctx -> handle(ctx, doc -> resultsPage(ctx, job(ctx)),
                () -> results(successful(job(ctx)), base(ctx), Map.of())));
        // the legend of a job's map (classes, their colours, the picture's bounds): for styling clients
        app.get("/jobs/{id}/legend", ctx -> handle(ctx, null, () -> {
            JobStatus job = successful(job(ctx));
            Path file = jobs.file(job.id(), WebMapWriter.MAP_FILE).orElseThrow(() -> new Problem("no-such-output",
                    404, "no legend", "job " + job.id() + " has no map legend (its process makes no map)"));
            return ProcessJson.JSON.readTree(file.toFile());
        }));
        app.get("/jobs/{id}/" + WebMapWriter.QUICKLOOK_FILE, ctx -> handle(ctx, null, () -> {
            JobStatus job = successful(job(ctx));
            Path file = jobs.file(job.id(), WebMapWriter.QUICKLOOK_FILE).orElseThrow(() -> new Problem("no-such-output",
                    404, "no picture", "job " + job.id() + " has no picture of its input"));
            ctx.status(200).contentType("image/png");
            ctx.result(Files.newInputStream(file));
            return null;
        }));
        registerCollections(app);
        app.get("/jobs/{id}/results/{output}", ctx -> handle(ctx, null, () -> {
            JobStatus job = successful(job(ctx));
            String file = resultFile(job, ctx.pathParam("output")).orElseThrow(() -> new Problem("no-such-output", 404,
                    "no such output", "job " + job.id() + " has no output '" + ctx.pathParam("output") + "'"));
            ctx.status(200).contentType(mediaType(file));
            ctx.result(Files.newInputStream(resultPath(job, file)));
            return null;
        }));
    }

    /**
     * OGC API - Features over the jobs' results: every finished job with features is a collection of its caller's,
     * whose items QGIS and ArcGIS Pro load as a layer ({@link FeatureCollections}).
     */
    private void registerCollections(Javalin app) {
        app.get("/collections", ctx -> handle(ctx, doc -> page("collections", "Collections", ctx, doc, Map.of()), () -> {
            Caller caller = caller(ctx);
            ObjectNode body = ProcessJson.JSON.createObjectNode();
            ArrayNode list = body.putArray("collections");
            for (JobStatus job : jobs.list()) {
                Optional<String> features = job.state() == JobState.SUCCEEDED && caller.sees(job)
                        ? FeatureCollections.featureResult(job, describe(job)) : Optional.empty();
                if (features.isPresent()) {
                    list.add(FeatureCollections.collection(job, FeatureCollections.read(resultPath(job, features.get())),
                            base(ctx)));
                }
            }
            body.putArray("links").add(ProcessJson.link(base(ctx) + "/collections", "self", JSON_TYPE, "the collections"))
                    .add(ProcessJson.htmlAlternate(base(ctx) + "/collections"));
            return body;
        }));
        app.get("/collections/{id}", ctx -> handle(ctx, doc -> page("collection", doc.path("title").asText(), ctx, doc,
                Map.of()), () -> {
            JobStatus job = collectionJob(ctx);
            return FeatureCollections.collection(job, features(job), base(ctx));
        }));
        app.get("/collections/{id}/queryables", ctx -> handle(ctx, null, () -> {
            JobStatus job = collectionJob(ctx);
            return FeatureCollections.queryables(job, features(job), base(ctx));
        }));
        app.get("/collections/{id}/items", ctx -> handle(ctx, doc -> page("items", "Windows of job " + ctx.pathParam("id"),
                ctx, doc, Map.of("collectionUrl", "/collections/" + ctx.pathParam("id"))), () -> {
            JobStatus job = collectionJob(ctx);
            JsonNode features = features(job);
            double[] bbox;
            Map<String, String> equal;
            try {
                bbox = ctx.queryParam("bbox") == null ? null : FeatureCollections.bbox(ctx.queryParam("bbox"));
                equal = FeatureCollections.equalities(features, ctx.queryParamMap());
            } catch (IllegalArgumentException e) {
                throw new Problem("invalid-parameter-value", 400, "invalid parameter", e.getMessage());
            }
            StringBuilder query = new StringBuilder(bbox == null ? "" : "&bbox=" + URLEncoder.encode(ctx.queryParam("bbox"),
                    StandardCharsets.UTF_8));
            equal.forEach((name, value) -> query.append('&').append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            ObjectNode page = FeatureCollections.items(job, features, base(ctx), bbox, equal,
                    intParameter(ctx, "limit", 10, 1, 10000), intParameter(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                    query.toString());
            return geoJson(ctx, page);
        }));
        app.get("/collections/{id}/items/{featureId}", ctx -> handle(ctx, null, () -> {
            JobStatus job = collectionJob(ctx);
            String id = ctx.pathParam("featureId");
            return geoJson(ctx, FeatureCollections.item(features(job), id).orElseThrow(() -> new Problem("not-found",
                    404, "no such feature", "collection " + job.id() + " has no feature '" + id + "'")));
        }));
    }

    /** The description of a job's process. */
    private ProcessDescription describe(JobStatus job) {
        return registry.byId(job.process()).orElseThrow().description();
    }

    /** The job a collection is, when its caller may see it and it finished with features. */
    private JobStatus collectionJob(Context ctx) throws Problem {
        JobStatus job = job(ctx);
        if (job.state() != JobState.SUCCEEDED || FeatureCollections.featureResult(job, describe(job)).isEmpty()) {
            throw new Problem("not-found", 404, "no such collection", "job " + job.id() + " is " + ProcessJson.status(job)
                    + (job.state() == JobState.SUCCEEDED ? " with no features (a collection is a job's GeoJSON output)"
                    : "; its features become a collection once it succeeds"));
        }
        return job;
    }

    /** The features of a collection's job, read once for the request. */
    private JsonNode features(JobStatus job) throws Problem, IOException {
        return FeatureCollections.read(resultPath(job, FeatureCollections.featureResult(job, describe(job)).orElseThrow()));
    }

    /**
     * GeoJSON as {@code application/geo+json}, which Features clients expect; for a browser, the document goes on
     * to its page.
     */
    private static JsonNode geoJson(Context ctx, JsonNode document) throws IOException {
        if (Browsers.wantsHtml(ctx.queryParam("f"), ctx.header("Accept"))) {
            return document;
        }
        ctx.status(200).contentType(FeatureCollections.GEOJSON);
        ctx.result(ProcessJson.JSON.writeValueAsBytes(document));
        return null;
    }

    /**
     * Answers a request that the server refused before any route of the API ran (a method or path not
     * served, or an unexpected failure) as a problem, or a page for a browser; {@code allow}, when
     * given, lists the methods the path serves.
     */
    public void refuse(Context ctx, int status, String detail, String allow) throws IOException {
        if (allow != null) {
            ctx.header("Allow", allow);
        }
        String type = switch (status) {
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 503 -> "service-unavailable";
            default -> "internal-error";
        };
        handle(ctx, document -> "", () -> {
            throw new Problem(type, status, type.replace('-', ' '), detail);
        });
    }

    /** Something that answers with a JSON body, or writes the answer itself and returns null. */
    private interface Answer {
        JsonNode get() throws Problem, IOException, InterruptedException;
    }

    /** A resource as a person sees it: an HTML page made from the JSON document clients get. */
    private interface HtmlView {
        String render(JsonNode document) throws Problem, IOException;
    }

    /**
     * Answers with {@code answer}'s document: as JSON, linking its HTML alternate, or for a browser
     * through {@code view} (null: the resource has no page). Problems likewise, as JSON or as a page.
     */
    private void handle(Context ctx, HtmlView view, Answer answer) throws IOException {
        boolean html = view != null && Browsers.wantsHtml(ctx.queryParam("f"), ctx.header("Accept"));
        try {
            JsonNode body = answer.get();
            if (body != null && html) {
                ctx.status(200).html(view.render(body));
            } else if (body != null) {
                if (view != null) {
                    ctx.header("Link", "<" + base(ctx) + ctx.path() + "?f=html>; rel=\"alternate\"; type=\"text/html\"");
                }
                json(ctx, 200, body);
            }
        } catch (Problem p) {
            if (p.status == 503) {
                ctx.header("Retry-After", "10");
            }
            if (html) {
                ctx.status(p.status).html(pages.render("problem", Map.of("title", p.title, "status", p.status,
                        "detail", String.valueOf(p.getMessage()))));
                return;
            }
            ctx.status(p.status).contentType("application/problem+json");
            ObjectNode problem = ProcessJson.problem(p.type, p.status, p.title, p.getMessage());
            problem.put("instance", ctx.path());
            ctx.result(ProcessJson.JSON.writeValueAsBytes(problem));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A page from {@code template}: the document as {@code doc}, its JSON alternate, and {@code more}. */
    private String page(String template, String title, Context ctx, JsonNode document, Map<String, Object> more) {
        Map<String, Object> model = new LinkedHashMap<>(more);
        model.put("title", title);
        model.put("doc", Pages.model(document));
        String query = ctx.queryString() == null ? "" : ctx.queryString().replaceAll("(^|&)f=[^&]*", "");
        model.put("jsonUrl", ctx.path() + "?" + (query.isEmpty() || query.equals("&") ? "" : query.replaceAll("^&", "") + "&")
                + "f=json");
        return pages.render(template, model);
    }

    /** A job's results: a download per output, and the map of its windows when it has them as GeoJSON. */
    private String resultsPage(Context ctx, JobStatus job) throws Problem, IOException {
        successful(job);
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String file : job.results()) {
            String name = file.substring(0, file.indexOf('.'));
            outputs.add(Map.of("name", name, "file", file, "type", mediaType(file),
                    "href", "/jobs/" + job.id() + "/results/" + name));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", "Results of job " + job.id());
        model.put("jobId", job.id());
        model.put("processId", job.process());
        model.put("outputs", outputs);
        model.put("leaflet", Pages.LEAFLET_PATH);
        model.put("jsonUrl", ctx.path() + "?f=json");
        Optional<Path> legend = jobs.file(job.id(), WebMapWriter.MAP_FILE);
        Optional<String> features = FeatureCollections.featureResult(job, describe(job));
        features.ifPresent(file -> model.put("collection", "/collections/" + job.id()));
        if (legend.isPresent() && features.isPresent()) {
            JsonNode read = ProcessJson.JSON.readTree(legend.get().toFile());
            model.put("change", ResultMap.isChange(read));
            model.put("map", ResultMap.forJob(read,
                    "/jobs/" + job.id() + "/" + WebMapWriter.QUICKLOOK_FILE,
                    "/jobs/" + job.id() + "/results/" + features.get().substring(0, features.get().indexOf('.')), map));
        } else {
            model.put("noMap", legend.isEmpty() ? "This process makes no map." : "The map shows the first output given "
                    + "as GeoJSON ('result', or a change's 'change'), which this job was not asked for.");
        }
        return pages.render("results", model);
    }

    private static void json(Context ctx, int status, JsonNode body) throws IOException {
        ctx.status(status).contentType(JSON_TYPE);
        ctx.result(ProcessJson.JSON.writeValueAsBytes(body));
    }

    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    private static ObjectNode landing(String base) {
        ObjectNode body = ProcessJson.JSON.createObjectNode().put("title", "rgbunmix")
                .put("description", "Land-use / land-cover abundances (SIPNA N1/N2) for every 224 x 224 window of a "
                        + "Sentinel-2 RGB raster. OGC API - Processes here; OGC WPS 1.0.0 at /wps.");
        ArrayNode links = body.putArray("links");
        links.add(ProcessJson.link(base + "/", "self", JSON_TYPE, "this document"));
        links.add(ProcessJson.link(base + "/api", "service-desc", OPENAPI_TYPE, "the API definition"));
        links.add(ProcessJson.link(base + "/conformance", ProcessJson.REL + "conformance", JSON_TYPE, "conformance classes"));
        links.add(ProcessJson.link(base + "/processes", ProcessJson.REL + "processes", JSON_TYPE, "processes"));
        links.add(ProcessJson.link(base + "/jobs", ProcessJson.REL + "job-list", JSON_TYPE, "jobs"));
        links.add(ProcessJson.link(base + "/collections", "data", JSON_TYPE, "the finished jobs' features"));
        links.add(ProcessJson.htmlAlternate(base + "/"));
        return body;
    }

    private ObjectNode processes(Context ctx) throws Problem {
        Page page = Page.of(ctx, registry.processes().size());
        ObjectNode body = ProcessJson.JSON.createObjectNode();
        ArrayNode list = body.putArray("processes");
        registry.processes().stream().skip(page.offset()).limit(page.limit())
                .forEach(p -> list.add(ProcessJson.summary(p.description(), base(ctx))));
        body.set("links", page.links(base(ctx) + "/processes", "", "processes"));
        return body;
    }

    /** A page of a list (/processes, /jobs): limit and offset from the query, self/prev/next links. */
    private record Page(int limit, int offset, int total) {
        static Page of(Context ctx, int total) throws Problem {
            return new Page(intParameter(ctx, "limit", 10, 1, 1000), intParameter(ctx, "offset", 0, 0, Integer.MAX_VALUE),
                    total);
        }

        /** The page's links; {@code filters} ("" or {@code &name=value...}) keeps the list's filters in each. */
        ArrayNode links(String url, String filters, String title) {
            ArrayNode links = ProcessJson.JSON.createArrayNode();
            links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + offset + filters, "self", JSON_TYPE, title));
            links.add(ProcessJson.htmlAlternate(url + "?limit=" + limit + "&offset=" + offset + filters));
            if (offset > 0) {
                links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit) + filters,
                        "prev", JSON_TYPE, "previous page"));
            }
            if ((long) offset + limit < total) {   // an offset near Integer.MAX_VALUE must not wrap round
                links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + (offset + limit) + filters, "next",
                        JSON_TYPE, "next page"));
            }
            return links;
        }
    }

    private Process<?> process(String id) throws Problem {
        return registry.byId(id).orElseThrow(() -> new Problem("no-such-process", 404, "no such process",
                "no process '" + id + "'; GET /processes lists them"));
    }

    /** The request's caller; 401 when it has none. */
    private Caller caller(Context ctx) throws Problem {
        return access.caller(ctx).orElseThrow(OgcApi::unauthorized);
    }

    /** The job of the path, if the caller may see it: another user's job is as unknown as a missing one. */
    private JobStatus job(Context ctx) throws Problem {
        Caller caller = caller(ctx);
        String id = ctx.pathParam("id");
        return jobs.status(id).filter(caller::sees).orElseThrow(() -> new Problem("no-such-job", 404, "no such job",
                "no job '" + id + "' (finished jobs expire; dismissed jobs are deleted)"));
    }

    private static Problem unauthorized() {
        return new Problem("unauthorized", 401, "bearer token required",
                "this operation needs a bearer token (header Authorization: Bearer ...)");
    }

    /** A refusal's message, with the input at fault named when the message does not name it already. */
    private static String located(String message, String input) {
        return input == null || message.contains("'" + input + "'") ? message : message + " (input '" + input + "')";
    }

    private static JobStatus successful(JobStatus job) throws Problem {
        if (job.state() == JobState.FAILED) {
            if (job.fault() != null) {
                // the process refused an input: the client's fault, not the server's
                throw new Problem("invalid-parameter-value", 400, "invalid input",
                        located(job.message(), job.fault().locator()));
            }
            throw new Problem("execution-failed", 500, "the job failed", job.message());
        }
        if (job.state() != JobState.SUCCEEDED) {
            throw new Problem("result-not-ready", 404, "results not ready", "job " + job.id() + " is "
                    + ProcessJson.status(job));
        }
        return job;
    }

    private ObjectNode jobList(Context ctx) throws Problem, IOException {
        Caller caller = caller(ctx);
        JobQuery query;
        try {
            query = JobQuery.of(ctx.queryParamMap());
        } catch (IllegalArgumentException e) {
            throw new Problem("invalid-parameter-value", 400, "invalid parameter", e.getMessage());
        }
        Instant now = Instant.now();
        List<JobStatus> all = !query.anyType() ? List.of() : jobs.list().stream()
                .filter(job -> caller.sees(job) && query.filter().matches(job, now)).toList();
        Page page = Page.of(ctx, all.size());
        ObjectNode body = ProcessJson.JSON.createObjectNode();
        ArrayNode list = body.putArray("jobs");
        all.stream().skip(page.offset()).limit(page.limit()).forEach(job -> list.add(ProcessJson.statusInfo(job, base(ctx))));
        body.set("links", page.links(base(ctx) + "/jobs", query.query(), "jobs"));
        return body;
    }

    private static int intParameter(Context ctx, String name, int fallback, int min, int max) throws Problem {
        String text = ctx.queryParam(name);
        try {
            int value = text == null ? fallback : Integer.parseInt(text);
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Problem("invalid-parameter-value", 400, "invalid parameter", name + " must be a whole number from "
                    + min + " to " + max);
        }
    }

    /** Reads the request, runs it through the one execution pipeline, and words the outcome. */
    private void execute(Context ctx) throws Problem, IOException, InterruptedException {
        Process<?> process = process(ctx.pathParam("id"));
        String owner = caller(ctx).subject();
        ProcessDescription description = process.description();
        boolean async = String.valueOf(ctx.header("Prefer")).toLowerCase(Locale.ROOT).contains("respond-async");
        try {
            jobs.ensureRoom(async);   // before the body is read: under overload, refusing must stay cheap
        } catch (ServerBusyException e) {
            throw new Problem("server-busy", 503, "server busy", e.getMessage());
        }
        Path body;
        try {
            body = bodies.spool(ctx);
        } catch (RequestBodies.Refused e) {
            throw e.status() == 413 ? new Problem("payload-too-large", 413, "request too large", e.getMessage())
                    : new Problem("unreadable-body", e.status(), "unreadable request body", e.getMessage());
        }
        Path folder = Staging.newFolder(staging);
        ExecuteJson.Request request;
        Map<String, List<GivenValue>> inputs;
        try {
            request = ExecuteJson.read(body, folder);
            inputs = given(description, request, folder);
        } catch (InputException e) {
            Staging.delete(folder);
            throw invalid(e.getMessage(), e.locator());
        } catch (IOException | RuntimeException e) {
            Staging.delete(folder);
            throw e;
        } finally {
            Files.deleteIfExists(body);
        }
        worded(ctx, executions.execute(new ExecutionRequest(process, inputs,
                request.outputs().entrySet().stream().map(e -> new OutputRequest(e.getKey(),
                        jsonToProcessType(e.getValue().mediaType()))).toList(), async, owner, folder,
                request.subscriber() == null ? ExecutionRequest.Extras.NONE
                        : ExecutionRequest.Extras.subscribed(subscription(request.subscriber(), base(ctx))))), request);
    }

    /**
     * A subscriber's addresses, with what is POSTed to them: the results document (as {@code GET /jobs/{id}/results}
     * answers it) on success, the statusInfo otherwise.
     */
    private Callbacks.Subscription subscription(ExecuteJson.Subscriber subscriber, String base) {
        return new Callbacks.Subscription(subscriber.successUri(), subscriber.inProgressUri(), subscriber.failedUri(),
                new Callbacks.Notices() {
                    @Override
                    public byte[] results(JobStatus job) throws Exception {
                        return ProcessJson.JSON.writeValueAsBytes(resultsOf(job, base, Map.of()));
                    }

                    @Override
                    public byte[] status(JobStatus job) throws Exception {
                        return ProcessJson.JSON.writeValueAsBytes(ProcessJson.statusInfo(job, base));
                    }
                });
    }

    /**
     * An execution's outcome in OGC API - Processes' words: a problem for a refused input, a full server or a
     * failed run; 201 and the status for an accepted job; the results, by value, by reference or raw.
     */
    private void worded(Context ctx, Outcome outcome, ExecuteJson.Request request) throws Problem, IOException {
        if (outcome instanceof Outcome.Refused refused) {
            if (refused.job() != null) {
                ctx.header("Location", base(ctx) + "/jobs/" + refused.job().id());
            }
            throw invalid(refused.message(), refused.locator());
        }
        if (outcome instanceof Outcome.Busy busy) {
            throw new Problem("server-busy", 503, "server busy", busy.message());
        }
        if (outcome instanceof Outcome.Failed failed) {
            ctx.header("Location", base(ctx) + "/jobs/" + failed.job().id());
            successful(failed.job());
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            ctx.header("Location", base(ctx) + "/jobs/" + accepted.job().id());
            ctx.header("Preference-Applied", "respond-async");
            json(ctx, 201, ProcessJson.statusInfo(accepted.job(), base(ctx)));
            return;
        }
        JobStatus done = ((Outcome.Succeeded) outcome).job();
        ctx.header("Location", base(ctx) + "/jobs/" + done.id());
        if ("raw".equals(request.response())) {
            if (done.results().size() == 1) {
                String file = done.results().get(0);
                ctx.status(200).contentType(mediaType(file));
                ctx.result(Files.newInputStream(resultPath(done, file)));
            } else {
                multipart(ctx, done);
            }
            return;
        }
        Map<String, Boolean> byValue = new LinkedHashMap<>();
        request.outputs().forEach((name, output) -> byValue.put(name, output.byValue()));
        json(ctx, 200, results(done, base(ctx), byValue));
    }

    /** An input the client got wrong, as OGC API words it. */
    private static Problem invalid(String message, String locator) {
        return new Problem("invalid-parameter-value", 400, "invalid input", located(message, locator));
    }

    /**
     * A raw response with several outputs (OGC API - Processes, /req/core/process-execute-sync-raw-mixed-multi):
     * multipart/related, one part per output, each with its media type and the output's id as Content-ID.
     * The parts are streamed from the job's files, never held in memory.
     */
    private void multipart(Context ctx, JobStatus done) throws IOException, Problem {
        String boundary = "rgbunmix-" + UUID.randomUUID();
        Vector<InputStream> parts = new Vector<>();
        for (String file : done.results()) {
            String output = file.substring(0, file.indexOf('.'));
            parts.add(ascii("--" + boundary + "\r\nContent-Type: " + mediaType(file) + "\r\nContent-ID: <" + output
                    + ">\r\n\r\n"));
            parts.add(Files.newInputStream(resultPath(done, file)));
            parts.add(ascii("\r\n"));
        }
        parts.add(ascii("--" + boundary + "--\r\n"));
        ctx.status(200).contentType("multipart/related; boundary=\"" + boundary + "\"; type=\""
                + mediaType(done.results().get(0)) + "\"");
        ctx.result(new SequenceInputStream(parts.elements()));
    }

    private static InputStream ascii(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The request's inputs as the execution takes them: a link is a reference to GET, in its declared type; a bounding
     * box given as OGC API's {@code {"bbox": [...], "crs": ...}} is read into {@link Box}'s text; a bare string for an
     * input that takes plain text is an inline file of that text.
     */
    private static Map<String, List<GivenValue>> given(ProcessDescription description, ExecuteJson.Request request,
                                                       Path folder) throws InputException, IOException {
        Map<String, List<GivenValue>> inputs = new LinkedHashMap<>();
        for (Map.Entry<String, List<ExecuteJson.Value>> entry : request.inputs().entrySet()) {
            String name = entry.getKey();
            Parameter.Type type = description.input(name).map(Parameter::type).orElse(null);
            List<GivenValue> values = new ArrayList<>();
            for (ExecuteJson.Value value : entry.getValue()) {
                if (type instanceof Parameter.BoundingBox && value instanceof ExecuteJson.Inline inline) {
                    values.add(new GivenValue.Literal(box(name, inline.file())));
                } else if (type instanceof Parameter.Complex complex && value instanceof ExecuteJson.Literal literal
                        && textFormat(complex).isPresent()) {
                    Path file = Files.writeString(Files.createTempFile(folder, "input-", ".txt"), literal.text(),
                            StandardCharsets.UTF_8);
                    values.add(new GivenValue.Inline(textFormat(complex).get(), file));
                } else {
                    values.add(value instanceof ExecuteJson.Literal literal ? new GivenValue.Literal(literal.text())
                            : value instanceof ExecuteJson.Inline inline
                            ? new GivenValue.Inline(mediaTypeFor(description, name, inline.mediaType()), inline.file())
                            : value instanceof ExecuteJson.Collection collection
                            ? new GivenValue.Collection(collection.href(), collection.datetime())
                            : GivenValue.Reference.get(((ExecuteJson.Link) value).href(),
                            mediaTypeFor(description, name, ((ExecuteJson.Link) value).type())));
                }
            }
            inputs.put(name, values);
        }
        return inputs;
    }

    /** Plain text, if a complex input takes it: a bare string is then that text (a GML or CSV input takes no string). */
    private static Optional<String> textFormat(Parameter.Complex complex) {
        return complex.accepts(Format.TEXT.mimeType()) ? Optional.of(Format.TEXT.mimeType()) : Optional.empty();
    }

    /** OGC API's bounding box object ({@code "bbox"}: 4 or 6 numbers, {@code "crs"}: a URI) as {@link Box}'s text. */
    private static String box(String input, Path file) throws InputException, IOException {
        JsonNode node = ProcessJson.JSON.readTree(file.toFile());
        JsonNode numbers = node.path("bbox");
        if (!numbers.isArray() || (numbers.size() != 4 && numbers.size() != 6)) {
            throw invalidInput(input, "input '" + input + "' is a bounding box: {\"bbox\": [minx, miny, maxx, maxy], "
                    + "\"crs\": \"...\"} (six numbers for three dimensions)");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode number : numbers) {
            if (!number.isNumber()) {
                throw invalidInput(input, "input '" + input + "': the bbox holds numbers, got " + number);
            }
            text.append(number.asText()).append(',');
        }
        JsonNode crs = node.path("crs");
        return crs.isTextual() ? text.append(crs.asText()).toString() : text.substring(0, text.length() - 1);
    }

    private static InputException invalidInput(String input, String message) {
        return new InputException(InputException.INVALID, input, message);
    }

    /** A complex input's media type: as given (the process resolves its aliases), else the input's default. */
    private static String mediaTypeFor(ProcessDescription description, String input, String given) {
        if (given != null) {
            return given;
        }
        return description.input(input).map(Parameter::type)
                .filter(t -> t instanceof Parameter.Complex)
                .map(t -> ((Parameter.Complex) t).defaultFormat().mimeType()).orElse(null);
    }

    /** application/geo+json is GeoJSON's registered type; the processes name it application/json. */
    private static String jsonToProcessType(String mediaType) {
        return mediaType != null && mediaType.startsWith("application/geo+json") ? "application/json" : mediaType;
    }

    /**
     * The results document: JSON outputs embedded, text and literal outputs as values, binary outputs as
     * links (and any output as a link when asked by reference).
     */
    private ObjectNode results(JobStatus job, String base, Map<String, Boolean> byValue) throws IOException, Problem {
        try {
            return resultsOf(job, base, byValue);
        } catch (NoSuchFileException e) {
            throw dismissedMeanwhile(job);
        }
    }

    private ObjectNode resultsOf(JobStatus job, String base, Map<String, Boolean> byValue) throws IOException, Problem {
        ProcessDescription description = registry.byId(job.process()).orElseThrow().description();
        ObjectNode body = ProcessJson.JSON.createObjectNode();
        for (String file : job.results()) {
            String name = file.substring(0, file.indexOf('.'));
            String type = mediaType(file);
            Path path = resultPath(job, file);
            Parameter output = description.output(name).orElseThrow();
            boolean binary = !(type.startsWith("text/") || type.contains("json"));
            if (binary || !byValue.getOrDefault(name, true)) {
                body.putObject(name).put("href", base + "/jobs/" + job.id() + "/results/" + name).put("type", type);
            } else if (output.type() instanceof Parameter.Literal literal) {
                String text = Files.readString(path, StandardCharsets.UTF_8);
                if (literal.dataType().equals("integer")) {
                    body.put(name, Long.parseLong(text.trim()));
                } else {
                    body.put(name, text);
                }
            } else if (type.contains("json")) {
                body.set(name, ProcessJson.JSON.readTree(path.toFile()));
            } else {
                body.putObject(name).put("value", Files.readString(path, StandardCharsets.UTF_8)).put("mediaType", type);
            }
        }
        return body;
    }

    /** A result file of a job, which a DELETE of the job may have removed since its status was read. */
    private Path resultPath(JobStatus job, String file) throws Problem {
        return jobs.result(job.id(), file).orElseThrow(() -> dismissedMeanwhile(job));
    }

    private static Problem dismissedMeanwhile(JobStatus job) {
        return new Problem("no-such-job", 404, "no such job", "job '" + job.id() + "' was dismissed while its results "
                + "were read");
    }

    private Optional<String> resultFile(JobStatus job, String output) {
        return job.results().stream().filter(f -> f.substring(0, f.indexOf('.')).equals(output)).findFirst();
    }

    /** A result file's media type in OGC API words: GeoJSON under its registered name. */
    static String mediaType(String file) {
        String type = Format.mediaTypeOf(file);
        return type.equals("application/json") ? "application/geo+json" : type;
    }

}
