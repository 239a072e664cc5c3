package io.rgbunmix.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.rgbunmix.config.Settings;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.html.Browsers;
import io.rgbunmix.html.Pages;
import io.rgbunmix.html.WpsPage;
import io.rgbunmix.inputs.RasterInputs;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.ogcapi.OgcApi;
import io.rgbunmix.process.ProcessRegistry;
import io.rgbunmix.process.Staging;
import io.rgbunmix.process.StoredExecution;
import io.rgbunmix.wps.WpsResponse;
import io.rgbunmix.wps.WpsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP server: binds the configured address, routes {@code /wps} (and {@code /ows} with
 * service=WPS) to the WPS service and the rest to OGC API - Processes, and owns the job manager both
 * interfaces share.
 */
public final class RgbunmixServer implements AutoCloseable {
    private final JobManager jobs;
    private final WpsService wps;
    private final WpsPage wpsPage;
    private final Javalin app;
    private final long maxRequestBytes;
    /** Where request bodies are spooled while they are read, so none is held whole in memory. */
    private final Path bodies;
    /** "Bearer <token>" as bytes, or null when no token is configured. */
    private final byte[] token;

    public RgbunmixServer(Settings settings, Path workDir, ModelStore models) throws IOException {
        Settings.Server server = settings.server();
        this.maxRequestBytes = server.maxRequestBytes();
        this.token = server.token().isEmpty() ? null : ("Bearer " + server.token()).getBytes(StandardCharsets.UTF_8);
        ReferenceFetcher fetcher = new ReferenceFetcher(settings.references());
        // a client's STAC item may name URLs (checked like references), never this server's files
        ProcessRegistry registry = ProcessRegistry.standard(models, settings.limits(), new RasterInputs(fetcher, false));
        // Asynchronous jobs left unfinished by the last run are resumed here, from their directories.
        this.jobs = new JobManager(workDir.resolve("jobs"), settings.jobs().limits(), Clock.systemUTC(),
                StoredExecution.loader(registry));
        // No request is in flight at start: what a killed server left in flight is garbage.
        Staging.delete(workDir.resolve("requests"));
        Staging.delete(workDir.resolve("staging"));
        this.bodies = Files.createDirectories(workDir.resolve("requests"));
        this.wps = new WpsService(registry, jobs, fetcher, workDir.resolve("staging"), server.maxRequestBytes());
        Pages pages = new Pages();
        this.wpsPage = new WpsPage(registry, pages);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.jetty.defaultHost = server.host();
            config.jetty.defaultPort = server.port();
            config.jetty.modifyServer(jetty -> jetty.setErrorHandler(new ProblemErrorHandler()));
            // the pages' own scripts and styles, and Leaflet from its WebJar: nothing from another host
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
        });
        new OgcApi(registry, jobs, fetcher, workDir.resolve("staging"), this::authorized, this::spool, pages,
                settings.map()).register(app);
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
                Optional<Path> spooled = spool(ctx);
                if (spooled.isEmpty()) {
                    send(ctx, wps.tooLarge(maxRequestBytes));
                    return;
                }
                body = spooled.get();
            }
            response = wps.handle(kvp, body, endpoint, authorized(ctx));
        } finally {
            if (body != null) {
                Files.deleteIfExists(body);
            }
        }
        send(ctx, response);
    }

    /**
     * Copies a request body to a file, up to the size limit, so that no body is held whole in memory;
     * empty (and nothing left behind) when the body is larger. The caller deletes the file.
     */
    private Optional<Path> spool(Context ctx) throws IOException {
        Path file = Files.createTempFile(bodies, "request-", ".body");
        boolean fits = ctx.contentLength() <= maxRequestBytes;
        try (InputStream in = ctx.req().getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n = in.read(buffer); fits && n > 0; n = in.read(buffer)) {
                total += n;
                fits = total <= maxRequestBytes;
                out.write(buffer, 0, n);
            }
        }
        if (!fits) {
            Files.delete(file);
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static void send(Context ctx, WpsResponse response) throws IOException {
        ctx.status(response.status());
        ctx.contentType(response.contentType());
        response.headers().forEach(ctx::header);
        if (response.file() != null) {
            InputStream in = Files.newInputStream(response.file());
            ctx.header("Content-Length", String.valueOf(Files.size(response.file())));
            ctx.result(in);
        } else {
            ctx.result(response.body());
        }
    }

    /** Whether the request carries the configured bearer token (always, when none is configured). */
    private boolean authorized(Context ctx) {
        if (token == null) {
            return true;
        }
        String header = ctx.header("Authorization");
        return header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
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
    }
}
