package io.rgbunmix.wps;

import io.rgbunmix.config.Settings;
import java.util.List;

/** Settings for servers started by tests: loopback, a free port, small limits. */
final class TestServers {
    private TestServers() {
    }

    static Settings settings(Settings.Jobs jobs, String token) {
        return settings(jobs, token, List.of());
    }

    static Settings settings(Settings.Jobs jobs, String token, List<String> allowedReferences) {
        return new Settings(Settings.DEFAULT.engine(), new Settings.Server("127.0.0.1", 0, "work", 2L << 20, token),
                jobs, new Settings.Limits(20_000_000L, 50L, 20, 5L << 20, 1L << 20),
                new Settings.References(allowedReferences, 1L << 20, 10L));
    }
}
