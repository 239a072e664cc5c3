package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The processes module is what every front end shares (the servers, the command line, GeoServer and
 * Spark), so it names none of them: no HTTP, no server, no GeoTools, no Spark. (picocli, for the
 * options made from the descriptions, is an optional dependency.) Its pom has none of the others;
 * this also catches a fully qualified name.
 */
class ProcessesBoundaryTest {
    @Test
    void noSourceNamesAFrontEnd() {
        SourceBoundary.of("processes/src/main/java", "org.geotools", "org.geoserver", "org.opengis.feature",
                "io.javalin", "org.eclipse.jetty", "jakarta.servlet", "javax.servlet", "java.net.http",
                "org.apache.spark", "io.rgbunmix.wps", "io.rgbunmix.ogcapi", "io.rgbunmix.server", "io.rgbunmix.jobs",
                "io.rgbunmix.execution", "io.rgbunmix.cli", "io.rgbunmix.config", "io.rgbunmix.fetch",
                "io.rgbunmix.html", "io.rgbunmix.inputs", "io.rgbunmix.geoserver", "io.rgbunmix.spark").holds(5);
    }
}
