package io.rgbunmix.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a part of the code may not name: the packages under {@code sources} (a module's or a package's main
 * sources, from the repository root) hold no line that names one of the {@code forbidden} packages, by import
 * or by a fully qualified name. Each module's boundary test states its rule with one of these; a pom keeps
 * out what a module does not depend on, this keeps out what it could reach but must not.
 */
public record SourceBoundary(Path sources, List<String> forbidden) {
    public static SourceBoundary of(String sources, String... forbidden) {
        return new SourceBoundary(Path.of(sources), List.of(forbidden));
    }

    /** Asserts that at least {@code atLeast} sources are found, and that none names a forbidden package. */
    public void holds(int atLeast) {
        Pattern names = Pattern.compile("\\b(" + forbidden.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")\\.");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(files.size() >= atLeast, sources + ": its sources are found: " + files.size());
        List<String> offences = files.stream().flatMap(f -> {
            try {
                return Files.readAllLines(f).stream().filter(l -> names.matcher(l).find())
                        .map(l -> sources.relativize(f) + ": " + l.trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        assertEquals(List.of(), offences, sources + " names what it may not");
    }
}
