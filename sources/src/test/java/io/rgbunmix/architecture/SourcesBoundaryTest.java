package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * Where rasters come from is the same for the command line, the server and Spark, so it names none of them: the
 * client-safety rules are its parameters (the reference rules, and whether local files are the user's own).
 */
class SourcesBoundaryTest {
    @Test
    void theSourcesNameNoFrontEnd() {
        SourceBoundary.of("sources/src/main/java", "io.javalin", "org.eclipse.jetty", "jakarta.servlet",
                "io.rgbunmix.wps", "io.rgbunmix.ogcapi", "io.rgbunmix.http", "io.rgbunmix.html", "io.rgbunmix.server",
                "io.rgbunmix.jobs", "io.rgbunmix.execution", "io.rgbunmix.auth", "io.rgbunmix.config", "io.rgbunmix.cli",
                "io.rgbunmix.spark", "io.rgbunmix.geoserver", "org.geotools", "org.apache.spark").holds(10);
    }
}
