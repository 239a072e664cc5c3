package io.rgbunmix.cli;

import io.rgbunmix.auth.Authenticator;
import io.rgbunmix.config.Logs;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.server.RgbunmixServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rgbunmix serve}: the WPS and OGC API server, until interrupted. It refuses to start, in one
 * line, when the settings, a model or the work folder would fail the first job; {@code --check} stops
 * after those checks.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve OGC WPS 1.0.0 at http://HOST:PORT/wps (settings in config/server.yaml).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default: server.host, 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port (default: server.port, 8080; 0 = any free).")
    Integer port;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Jobs' folder (default: server.workDir).")
    Path workDir;

    @Option(names = "--check", description = "Check the settings, the models and the work folder as a start "
            + "would, say what was found, and exit (0 when the server would start).")
    boolean check;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        Settings settings = engine.settings();
        Settings.Server configured = settings.server();
        Settings.Server server = new Settings.Server(host != null ? host : configured.host(),
                port != null ? port : configured.port(), configured.workDir(), configured.maxRequestBytes(),
                configured.token(), configured.shutdownGraceSeconds());
        Path work = workDir != null ? workDir : engine.workFolder();
        try (ModelStore models = engine.store()) {
            // what a start needs, checked before anything is served: a job accepted later must not be the
            // first to find the models missing
            Authenticator authenticator = StartChecks.authentication(settings);
            String found = StartChecks.models(models, engine.modelFolder()) + "; " + StartChecks.writable(work)
                    + "; " + authenticator.inWords();
            if (check) {
                engine.out().println("rgbunmix: the settings " + engine.settingsFileInWords() + " are usable: " + found);
                return 0;
            }
            Logs.configure(settings.logging(), System.err);
            CountDownLatch closed = new CountDownLatch(1);
            try (RgbunmixServer http = new RgbunmixServer(new Settings(settings.engine(), server, settings.jobs(),
                    settings.limits(), settings.references(), settings.map(), settings.logging(), settings.auth()),
                    work, models, authenticator)) {
                serve(http, server, found, closed);
            } finally {
                closed.countDown();
            }
        }
        return 0;
    }

    /**
     * Listens until the process is asked to stop (SIGTERM, Ctrl-C); then stops gracefully: new requests
     * are answered 503 while those running get server.shutdownGraceSeconds to end, and the JVM waits for
     * the server to close ({@code closed}). The start line says what was found, paths resolved.
     */
    private void serve(RgbunmixServer http, Settings.Server server, String found, CountDownLatch closed)
            throws InterruptedException {
        int bound = http.start();
        engine.out().println("rgbunmix: WPS at http://" + server.host() + ":" + bound + "/wps, OGC API - Processes and its "
                + "pages at http://" + server.host() + ":" + bound + "/ (" + found + "; settings "
                + engine.settingsFileInWords() + ")");
        engine.out().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Duration grace = Duration.ofSeconds(server.shutdownGraceSeconds());
        Thread hook = new Thread(() -> {
            try {
                int left = http.drain(grace);
                engine.out().println("rgbunmix: stopping: new requests were answered 503; " + (left == 0
                        ? "every running request ended" : left + " request(s) still running after " + grace.toSeconds()
                        + " s are cut off") + "; asynchronous jobs resume at the next start");
                engine.out().flush();
                stop.countDown();
                // the JVM ends when the hooks do: wait until the server and the models are closed
                closed.await(grace.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rgbunmix-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
    }
}
