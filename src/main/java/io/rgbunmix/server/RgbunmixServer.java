package io.rgbunmix.server;

import io.javalin.Javalin;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import io.rgbunmix.config.Settings;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.process.ProcessRegistry;
import io.rgbunmix.wps.WpsResponse;
import io.rgbunmix.wps.WpsService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP server: binds the configured address, routes {@code /wps} (and {@code /ows} with
 * service=WPS) to the WPS service, and owns the job manager the interfaces share.
 */
public final class RgbunmixServer implements AutoCloseable {
    private final JobManager jobs;
    private final WpsService wps;
    private final Javalin app;
    private final long maxRequestBytes;
    /** "Bearer <token>" as bytes, or null when no token is configured. */
    private final byte[] token;

    public RgbunmixServer(Settings settings, Path workDir, ModelStore models) throws IOException {
        Settings.Server server = settings.server();
        this.maxRequestBytes = server.maxRequestBytes();
        this.token = server.token().isEmpty() ? null : ("Bearer " + server.token()).getBytes(StandardCharsets.UTF_8);
        this.jobs = new JobManager(workDir.resolve("jobs"), settings.jobs().limits(), Clock.systemUTC());
        ProcessRegistry registry = ProcessRegistry.standard(models, settings.limits());
        this.wps = new WpsService(registry, jobs, new ReferenceFetcher(settings.references()), workDir.resolve("staging"),
                server.maxRequestBytes());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = server.maxRequestBytes();
            config.jetty.defaultHost = server.host();
            config.jetty.defaultPort = server.port();
        });
        app.get("/wps", this::wps);
        app.post("/wps", this::wps);
        app.get("/ows", this::wps);
        app.post("/ows", this::wps);
    }

    private void wps(Context ctx) throws IOException {
        Map<String, String> kvp = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> kvp.put(k, v.isEmpty() ? "" : v.get(0)));
        String endpoint = ctx.scheme() + "://" + ctx.host() + ctx.path();
        WpsResponse response;
        if (ctx.method().name().equals("POST") && ctx.contentLength() > maxRequestBytes) {
            response = wps.tooLarge(maxRequestBytes);
        } else {
            byte[] body = null;
            try {
                body = ctx.method().name().equals("POST") ? ctx.bodyAsBytes() : null;
                response = wps.handle(kvp, body, endpoint, authorized(ctx));
            } catch (ContentTooLargeResponse e) {
                response = wps.tooLarge(maxRequestBytes);
            }
        }
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
