package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The engine is shared by the standalone server, the command line, Spark and the GeoServer extension:
 * it holds no HTTP, server or GeoTools type (SPEC section 1). Its pom has none of those
 * dependencies; this also catches a fully qualified name or an import that slips in.
 */
class EngineBoundaryTest {
    @Test
    void noEngineSourceNamesGeoToolsOrHttp() {
        SourceBoundary.of("engine/src/main/java", "org.geotools", "org.geoserver", "io.javalin", "org.eclipse.jetty",
                "jakarta.servlet", "javax.servlet", "java.net.http", "org.apache.spark", "io.rgbunmix.processes",
                "io.rgbunmix.binding", "io.rgbunmix.wps", "io.rgbunmix.ogcapi", "io.rgbunmix.server", "io.rgbunmix.jobs",
                "io.rgbunmix.execution", "io.rgbunmix.cli", "io.rgbunmix.config", "io.rgbunmix.fetch",
                "io.rgbunmix.geoserver", "io.rgbunmix.spark").holds(40);
    }

    @Test
    void theWindowsKnowNothingOfRunsOrOutputs() {
        SourceBoundary.of("engine/src/main/java/io/rgbunmix/windows", "io.rgbunmix.unmix", "io.rgbunmix.output",
                "io.rgbunmix.run", "io.rgbunmix.change", "io.rgbunmix.lifewatch").holds(3);
    }

    @Test
    void theRastersKnowNothingOfWindowsOrRuns() {
        SourceBoundary.of("engine/src/main/java/io/rgbunmix/raster", "io.rgbunmix.windows", "io.rgbunmix.unmix",
                "io.rgbunmix.output", "io.rgbunmix.run", "io.rgbunmix.change", "io.rgbunmix.lifewatch").holds(15);
    }
}
