package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The Spark job is the engine, the binder and the sources on Spark: nothing of the server, its protocols or GeoTools.
 */
class SparkBoundaryTest {
    @Test
    void theSparkJobNamesNoServer() {
        SourceBoundary.of("spark/src/main/java", "io.javalin", "org.eclipse.jetty", "io.rgbunmix.wps",
                "io.rgbunmix.ogcapi", "io.rgbunmix.http", "io.rgbunmix.html", "io.rgbunmix.server", "io.rgbunmix.jobs",
                "io.rgbunmix.execution", "io.rgbunmix.auth",
                "io.rgbunmix.config", "io.rgbunmix.cli", "org.geotools").holds(5);
    }
}
