package io.rgbunmix.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.rgbunmix.auth.Authenticator;
import io.rgbunmix.auth.Caller;
import io.rgbunmix.auth.TokenRefusedException;
import io.rgbunmix.config.Settings;
import io.rgbunmix.execution.Callbacks;
import io.rgbunmix.execution.Executions;
import io.rgbunmix.execution.ProcessRegistry;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.execution.StoredExecution;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.html.Browsers;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.WpsPage;
import io.rgbunmix.http.RequestBodies;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.ogcapi.OgcApi;
import io.rgbunmix.wps.WpsResponse;
import io.rgbunmix.wps.WpsService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: binds the configured address, routes {@code /wps} (and {@code /ows} with
 * service=WPS) to the WPS service and the rest to OGC API - Processes, and owns the job manager both
 * interfaces share.
 */
public final class RgbunmixServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RgbunmixServer.class);
    private final JobManager jobs;
    private final Callbacks callbacks;
    private final WpsService wps;
    private final WpsPage wpsPage;
    private final OgcApi ogcApi;
    private final Monitoring monitoring;
    private final Javalin app;
    private final RequestBodies bodies;
    private final Draining draining;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where a request's caller is kept between the check of its token and its handler. */
    private static final String CALLER = "rgbunmix.caller";
    private final Authenticator authenticator;

    public RgbunmixServer(Settings settings, Path workDir, ModelStore models) throws IOException {
        this(settings, workDir, models, Authenticator.of(settings));
    }

    /** A server whose callers {@code authenticator} makes (the one the start checks already made). */
    public RgbunmixServer(Settings settings, Path workDir, ModelStore models, Authenticator authenticator)
            throws IOException {
        Settings.Server server = settings.server();
        this.authenticator = authenticator;
        this.monitoring = new Monitoring(models, workDir);
        ReferenceFetcher fetcher = new ReferenceFetcher(settings.references().rules(), monitoring.fetched());
        // a client's STAC item may name URLs (checked like references), never this server's files
        ProcessRegistry registry = ProcessRegistry.standard(models, settings.limits(), new RasterInputs(fetcher, false));
        // Asynchronous jobs left unfinished by the last run are resumed here, from their directories.
        this.jobs = new JobManager(workDir.resolve("jobs"), settings.jobs().limits(), Clock.systemUTC(),
                StoredExecution.loader(registry));
        monitoring.watch(jobs);
        // No request is in flight at start: what a killed server left in flight is garbage.
        Staging.delete(workDir.resolve("requests"));
        Staging.delete(workDir.resolve("staging"));
        this.bodies = new RequestBodies(workDir.resolve("requests"), server.maxRequestBytes());
        // one execution pipeline, whatever the protocol: each front end only reads requests and words outcomes
        // a subscriber that is down is tried 4 times, 1 s, 4 s and 16 s apart
        this.callbacks = new Callbacks(jobs, fetcher, Duration.ofSeconds(1), 4);
        Executions executions = new Executions(jobs, fetcher, callbacks);
        this.wps = new WpsService(registry, jobs, executions, workDir.resolve("staging"), server.maxRequestBytes(),
                authenticator.usersOwnJobs());
        Pages pages = new Pages();
        this.wpsPage = new WpsPage(registry, pages);
        this.draining = new Draining(this::stopping);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.http.prefer405over404 = true;
            config.jetty.defaultHost = server.host();
            config.jetty.defaultPort = server.port();
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.insertHandler(draining));
            config.requestLogger.http(RgbunmixServer::access);
            // the pages' own scripts and styles, and Leaflet from its WebJar: nothing from another host
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        this.ogcApi = new OgcApi(registry, jobs, executions, workDir.resolve("staging"), RgbunmixServer::caller, bodies, pages,
                settings);
        // every request's token is checked first: one that is presented and not good is refused, wherever it goes
        app.before(ctx -> ctx.attribute(CALLER, authenticator.caller(ctx.header("Authorization"))));
        ogcApi.register(app);
        monitoring.register(app);
        app.exception(TokenRefusedException.class, this::tokenRefused);
        app.exception(HttpResponseException.class, this::notServed);
        app.exception(Exception.class, this::failed);
        app.get("/wps", this::wps);
        app.post("/wps", this::wps);
        app.get("/ows", this::wps);
        app.post("/ows", this::wps);
    }

    private void wps(Context ctx) throws IOException {
        Map<String, String> kvp = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> kvp.put(k, v.isEmpty() ? "" : v.get(0)));
        boolean bare = kvp.isEmpty() || (kvp.size() == 1 && kvp.containsKey("f"));
        if (ctx.method().name().equals("GET") && bare && Browsers.wantsHtml(kvp.get("f"), ctx.header("Accept"))) {
            ctx.status(200).html(wpsPage.render(ctx.scheme() + "://" + ctx.host() + ctx.path()));
            return;
        }
        String endpoint = ctx.scheme() + "://" + ctx.host() + ctx.path();
        WpsResponse response;
        Path body = null;
        try {
            if (ctx.method().name().equals("POST")) {
                body = bodies.spool(ctx);
            }
            response = wps.handle(kvp, body, endpoint, caller(ctx));
        } catch (RequestBodies.Refused e) {
            response = wps.refused(e.status(), e.getMessage(), null);
        } finally {
            if (body != null) {
                Files.deleteIfExists(body);
            }
        }
        send(ctx, response);
    }

    /**
     * A method or path that no route serves (405 with the methods that are, or 404), answered in the
     * format of the interface the path belongs to: an ExceptionReport under /wps and /ows, else a problem.
     */
    private void notServed(HttpResponseException e, Context ctx) {
        String method = ctx.req().getMethod();
        String allow = e.getStatus() == 405 ? e.getDetails().values().stream().findFirst().orElse(null) : null;
        String message = switch (e.getStatus()) {
            case 405 -> method + " is not served at " + ctx.path() + (allow == null ? "" : "; it answers " + allow);
            case 404 -> "there is nothing at " + ctx.path() + "; the OGC API starts at / and WPS is at /wps";
            default -> e.getMessage();
        };
        answer(ctx, e.getStatus(), message, allow);
    }

    /** A token presented and not taken: 401 with the reason (503 when the provider's keys are out of reach). */
    private void tokenRefused(TokenRefusedException e, Context ctx) {
        LOG.info("{} {}: token refused: {}", ctx.req().getMethod(), ctx.path(), e.getMessage());
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", e.challenge());
        }
        answer(ctx, e.status(), e.getMessage(), null);
    }

    /** What no handler expected: logged with its cause, answered without it. */
    private void failed(Exception e, Context ctx) {
        LOG.error("{} {} failed", ctx.req().getMethod(), ctx.path(), e);
        answer(ctx, 500, "internal error; the server's log has the details", null);
    }

    private void answer(Context ctx, int status, String message, String allow) {
        try {
            if (ctx.path().startsWith("/wps") || ctx.path().startsWith("/ows")) {
                send(ctx, wps.refused(status, message, allow));
            } else {
                ogcApi.refuse(ctx, status, message, allow);
            }
        } catch (IOException e) {
            LOG.warn("cannot answer {} {}: {}", ctx.req().getMethod(), ctx.path(), e.getMessage());
        }
    }

    private void send(Context ctx, WpsResponse response) throws IOException {
        ctx.status(response.status());
        ctx.contentType(response.contentType());
        response.headers().forEach(ctx::header);
        if (response.file() != null) {
            FileChannel file;
            try {
                file = FileChannel.open(response.file());   // open, it stays readable if a Dismiss deletes it
            } catch (NoSuchFileException e) {
                send(ctx, wps.refused(404, "the execution was dismissed while its output was sent", null));
                return;
            }
            ctx.header("Content-Length", String.valueOf(file.size()));
            ctx.result(Channels.newInputStream(file));
        } else {
            ctx.result(response.body());
        }
    }

    /** The request's caller, as its token proved; empty when it has none and one is needed. */
    private static Optional<Caller> caller(Context ctx) {
        Optional<Caller> caller = ctx.attribute(CALLER);
        return caller == null ? Optional.empty() : caller;
    }

    /** The access log: one line per request, as the logging settings write it. */
    private static final Logger ACCESS = LoggerFactory.getLogger("rgbunmix.access");
    private static final java.util.regex.Pattern JOB_IN_PATH = java.util.regex.Pattern.compile("/jobs/([0-9a-fA-F-]{36})");

    /**
     * One request of the access log: method, path, WPS operation, status, duration in ms and the job it
     * concerns. Never the query (a WPS GET carries the inputs there), a header or a body, so no input data
     * and no token reach the logs.
     */
    private static void access(Context ctx, Float milliseconds) {
        String job = null;
        for (String place : new String[] {ctx.path(), ctx.res().getHeader("Location")}) {
            java.util.regex.Matcher found = place == null ? null : JOB_IN_PATH.matcher(place);
            if (found != null && found.find()) {
                job = found.group(1);
                break;
            }
        }
        String operation = ctx.path().startsWith("/wps") || ctx.path().startsWith("/ows")
                ? ctx.queryParam("request") : null;
        long ms = Math.round(milliseconds);
        ACCESS.atInfo().addKeyValue("method", ctx.method().name()).addKeyValue("path", ctx.path())
                .addKeyValue("wpsRequest", operation).addKeyValue("status", ctx.statusCode())
                .addKeyValue("durationMs", ms).addKeyValue("job", job)
                .log("{} {}{} {} {} ms{}", ctx.method().name(), ctx.path(), operation == null ? "" : " (" + operation + ")",
                        ctx.statusCode(), ms, job == null ? "" : " job " + job);
    }

    /** What a request gets while the server stops: a WPS ExceptionReport on the WPS, a problem elsewhere. */
    private void stopping(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String message = "the server is stopping; send the request again in a moment (to another instance, or to "
                + "this one once it has restarted). Asynchronous jobs resume after the restart";
        String path = request.getRequestURI();
        if (path.startsWith("/wps") || path.startsWith("/ows")) {
            WpsResponse report = wps.refused(503, message, null);
            response.setContentType(report.contentType());
            response.getOutputStream().write(report.body());
        } else {
            response.setContentType("application/problem+json");
            response.getOutputStream().write(JSON.writeValueAsBytes(JSON.createObjectNode().put("type", "about:blank")
                    .put("title", "Service Unavailable").put("status", 503).put("detail", message)));
        }
    }

    /**
     * A graceful stop's first step: new requests are answered 503 from now on, and those running get up
     * to {@code grace} to end. Returns how many were still running then; {@link #close} stops the rest.
     */
    public int drain(Duration grace) throws InterruptedException {
        return draining.drain(grace);
    }

    /** Starts listening; returns the port (useful with port 0, which picks a free one). */
    public int start() {
        app.start();
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        jobs.close();
        callbacks.close();
        monitoring.close();
    }
}
