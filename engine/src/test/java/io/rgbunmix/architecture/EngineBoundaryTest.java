package io.rgbunmix.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine is shared by the standalone server, the command line and the GeoServer extension:
 * it holds no HTTP, server or GeoTools type (SPEC section 1). Its pom has none of those
 * dependencies; this also catches a fully qualified name or an import that slips in.
 */
class EngineBoundaryTest {
    private static final Path ENGINE = Path.of("engine/src/main/java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(org\\.geotools|org\\.geoserver|io\\.javalin|org\\.eclipse\\.jetty|jakarta\\.servlet|javax\\.servlet"
                    + "|java\\.net\\.http|io\\.rgbunmix\\.(wps|ogcapi|server|jobs|execution|cli|config|fetch|geoserver))\\.");

    @Test
    void noEngineSourceNamesGeoToolsOrHttp() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ENGINE)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 40, "the engine's sources are found: " + sources.size());
        List<String> offences = sources.stream().flatMap(f -> {
            try {
                return Files.readAllLines(f).stream().filter(l -> FORBIDDEN.matcher(l).find())
                        .map(l -> ENGINE.relativize(f) + ": " + l.trim());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of(), offences);
    }
}
