package io.rgbunmix.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The processes module is what every front end shares (the servers, the command line, GeoServer and
 * Spark), so it names none of them: no HTTP, no server, no GeoTools, no Spark. (picocli, for the
 * options made from the descriptions, is an optional dependency.) Its pom has none of the others;
 * this also catches a fully qualified name.
 */
class ProcessesBoundaryTest {
    private static final Path SOURCES = Path.of("processes/src/main/java");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(org\\.geotools|org\\.geoserver|org\\.opengis\\.feature|io\\.javalin|org\\.eclipse\\.jetty"
                    + "|jakarta\\.servlet|javax\\.servlet|java\\.net\\.http|org\\.apache\\.spark"
                    + "|io\\.rgbunmix\\.(wps|ogcapi|server|jobs|execution|cli|config|fetch|html|inputs|geoserver|spark))\\.");

    @Test
    void noSourceNamesAFrontEnd() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() >= 5, "the module's sources are found: " + sources.size());
        List<String> offences = sources.stream().flatMap(f -> {
            try {
                return Files.readAllLines(f).stream().filter(l -> FORBIDDEN.matcher(l).find())
                        .map(l -> SOURCES.relativize(f) + ": " + l.trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of(), offences);
    }
}
