package io.rgbunmix.execution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Folders where the interfaces stage a request's inputs until its job has run. */
public final class Staging {
    private Staging() {
    }

    /** A new, empty folder for one request's inputs under {@code root}. */
    public static Path newFolder(Path root) throws IOException {
        return Files.createDirectories(root.resolve(UUID.randomUUID().toString()));
    }

    /** Deletes a staging folder and what it holds; leftovers (if any) are harmless and small. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // nothing more to do: the folder is only scratch space
        }
    }
}
