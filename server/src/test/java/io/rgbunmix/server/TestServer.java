package io.rgbunmix.server;

import io.rgbunmix.TestData;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import java.nio.file.Path;

/** A server on loopback and a free port with the test models, for tests that talk to it over HTTP. */
public final class TestServer implements AutoCloseable {
    private final ModelStore models;
    private final RgbunmixServer server;
    private final String base;

    private TestServer(ModelStore models, RgbunmixServer server, String base) {
        this.models = models;
        this.server = server;
        this.base = base;
    }

    /**
     * Starts one on {@code work} with small limits (20 M pixels, 20 zip entries, 5 MiB unzipped), no token,
     * and {@code references} (null: none read).
     */
    public static TestServer start(Path work, long maxRequestBytes, Settings.Jobs jobs, long maxWindows,
            Settings.References references) throws Exception {
        return start(TestData.store(), work, maxRequestBytes, jobs, maxWindows, references);
    }

    /**
     * As {@link #start(Path, long, Settings.Jobs, long, Settings.References)} with the shipped models: a change
     * weighs its differences by the error their cards state, which the untrained test models have not.
     */
    public static TestServer withShippedModels(Path work, long maxRequestBytes, Settings.Jobs jobs) throws Exception {
        return start(new ModelStore(Path.of("models"), new InferenceSettings(16, 1)), work, maxRequestBytes, jobs,
                50L, null);
    }

    private static TestServer start(ModelStore models, Path work, long maxRequestBytes, Settings.Jobs jobs,
                                    long maxWindows, Settings.References references) throws Exception {
        Settings settings = new Settings(Settings.DEFAULT.engine(), new Settings.Server("127.0.0.1", 0, "work",
                maxRequestBytes, ""), jobs, new Settings.Limits(20_000_000L, maxWindows, 20, 5L << 20, 1L << 20), references);
        RgbunmixServer server = new RgbunmixServer(settings, work, models);
        return new TestServer(models, server, "http://127.0.0.1:" + server.start());
    }

    /** Its address, e.g. http://127.0.0.1:40123. */
    public String base() {
        return base;
    }

    /** The first step of a graceful stop (see {@link RgbunmixServer#drain}). */
    public int drain(java.time.Duration grace) throws InterruptedException {
        return server.drain(grace);
    }

    @Override
    public void close() throws Exception {
        server.close();
        models.close();
    }
}
