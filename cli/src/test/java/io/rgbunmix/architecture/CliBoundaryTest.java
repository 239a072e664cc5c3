package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The command line reads options into the same binder and engine use cases as every front end, and starts the
 * server for {@code serve}: it speaks no protocol itself and runs no job queue.
 */
class CliBoundaryTest {
    @Test
    void theCommandLineSpeaksNoProtocol() {
        SourceBoundary.of("cli/src/main/java", "io.javalin", "org.eclipse.jetty", "jakarta.servlet", "javax.servlet",
                "io.rgbunmix.wps", "io.rgbunmix.ogcapi", "io.rgbunmix.http", "io.rgbunmix.jobs",
                "io.rgbunmix.execution", "org.geotools", "org.apache.spark").holds(15);
    }
}
