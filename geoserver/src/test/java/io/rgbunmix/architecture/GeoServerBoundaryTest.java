package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The extension is GeoTools adapters over the engine and the binder: GeoServer serves the protocol, so nothing
 * of the standalone server or the other front ends is named here.
 */
class GeoServerBoundaryTest {
    @Test
    void theExtensionNamesNoOtherFrontEnd() {
        SourceBoundary.of("geoserver/src/main/java", "io.javalin", "io.rgbunmix.wps", "io.rgbunmix.ogcapi",
                "io.rgbunmix.http", "io.rgbunmix.html", "io.rgbunmix.server", "io.rgbunmix.jobs",
                "io.rgbunmix.execution", "io.rgbunmix.inputs", "io.rgbunmix.fetch", "io.rgbunmix.auth",
                "io.rgbunmix.config", "io.rgbunmix.cli", "org.apache.spark").holds(8);
    }
}
