package io.rgbunmix.architecture;

import org.junit.jupiter.api.Test;

/**
 * The server is cut in two: what runs an execution whatever the protocol (executions, jobs, auth, settings; the
 * staging and fetching it uses are the sources module's), and the protocol front ends (WPS, OGC API, pages, request bodies) that read a request into a
 * call of it and write the outcome. A third protocol is added beside the front ends without touching the other
 * half; and no class knows both HTTP and the model's tensors.
 */
class ServerBoundaryTest {
    private static final String[] HTTP = {"io.javalin", "org.eclipse.jetty", "jakarta.servlet", "javax.servlet",
        "io.rgbunmix.wps", "io.rgbunmix.ogcapi", "io.rgbunmix.html", "io.rgbunmix.http", "io.rgbunmix.server"};

    @Test
    void theProtocolNeutralPartsNameNoProtocol() {
        SourceBoundary.of("server/src/main/java/io/rgbunmix/execution", HTTP).holds(10);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/jobs", HTTP).holds(8);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/auth", HTTP).holds(4);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/config", HTTP).holds(2);
    }

    @Test
    void theFrontEndsRunNoEngine() {
        String[] engine = {"io.rgbunmix.unmix", "io.rgbunmix.model", "io.rgbunmix.raster", "io.rgbunmix.windows",
            "io.rgbunmix.quality", "io.rgbunmix.run", "io.rgbunmix.change", "io.rgbunmix.gdal", "io.rgbunmix.sentinel2",
            "io.rgbunmix.binding", "io.rgbunmix.lifewatch", "io.rgbunmix.inputs", "io.rgbunmix.fetch"};
        SourceBoundary.of("server/src/main/java/io/rgbunmix/wps", engine).holds(5);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/ogcapi", engine).holds(5);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/html", engine).holds(5);
        SourceBoundary.of("server/src/main/java/io/rgbunmix/http", engine).holds(1);
    }
}
