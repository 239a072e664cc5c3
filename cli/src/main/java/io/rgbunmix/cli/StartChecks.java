package io.rgbunmix.cli;

import io.rgbunmix.auth.Authenticator;
import io.rgbunmix.config.Settings;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelException;
import io.rgbunmix.model.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code serve} checks before it listens, each refusal one line that names the path as resolved:
 * a model for every level the processes offer, and a work folder it can write.
 */
final class StartChecks {
    private StartChecks() {
    }

    /** Loads the model of each level; "models in DIR (N1: name, N2: name)". */
    static String models(ModelStore models, Path folder) {
        List<String> found = new ArrayList<>();
        for (Level level : Level.values()) {
            try {
                found.add(level + ": " + models.forLevel(level).card().id());
            } catch (ModelException e) {
                throw new IllegalArgumentException("cannot start: no usable " + level + " model: " + e.getMessage()
                        + " (engine.models, or --models)");
            }
        }
        return "models in " + folder.toAbsolutePath().normalize() + " (" + String.join(", ", found) + ")";
    }

    /**
     * Who may use the server, as the settings say: with OpenID Connect, the provider's discovery document
     * is read now, so that a provider out of reach stops the start. Its {@code inWords()} is for the start line.
     */
    static Authenticator authentication(Settings settings) {
        try {
            return Authenticator.of(settings);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot start: " + e.getMessage());
        }
    }

    /** Creates the work folder if needed and writes a file in it; "jobs in DIR". */
    static String writable(Path work) {
        Path folder = work.toAbsolutePath().normalize();
        try {
            Files.createDirectories(folder);
            Files.delete(Files.createTempFile(folder, ".write-check-", ""));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot start: the work folder " + folder + " is not writable"
                    + " (server.workDir, or --work-dir)");
        }
        return "jobs in " + folder;
    }
}
