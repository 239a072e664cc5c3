package io.rgbunmix.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where rgbunmix is installed, the folder its relative settings (models, config, work) are read from:
 * {@code $RGBUNMIX_HOME} when set (the launcher sets it), else the folder around the running jar, so
 * that {@code java -jar .../rgbunmix.jar} works from any current folder.
 */
final class Installation {
    private Installation() {
    }

    static Optional<Path> home() {
        String home = System.getenv("RGBUNMIX_HOME");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home));
        }
        try {
            Path code = Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getFileName().toString().endsWith(".jar") ? aroundJar(code) : Optional.empty();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The jar's folder if it holds {@code config/} or {@code models/} (an unpacked distribution), else
     * its parent if that does ({@code target/rgbunmix.jar} in a checkout); empty otherwise.
     */
    static Optional<Path> aroundJar(Path jar) {
        Path folder = jar.toAbsolutePath().getParent();
        for (Path candidate : new Path[] {folder, folder.getParent()}) {
            if (candidate != null && (Files.isDirectory(candidate.resolve("config"))
                    || Files.isDirectory(candidate.resolve("models")))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
