package io.rgbunmix.jobs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Forces files and folders to the disk (fsync): what a job needs is on the disk before it is
 * answered "accepted", so that a crash right after cannot lose it.
 */
final class Durably {
    private Durably() {
    }

    /** Forces every file under {@code folder}, then every folder (their entries), deepest first. */
    static void syncTree(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path path : paths) {
            sync(path);
        }
        sync(folder.getParent());
    }

    /** Forces one file, or one folder's entries (on Linux a folder opened for reading can be forced). */
    static void sync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!Files.isDirectory(path)) {
                throw e;
            }
            // some platforms cannot open a folder; its entries are then as durable as the platform allows
        }
    }
}
