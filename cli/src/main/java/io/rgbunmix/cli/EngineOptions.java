package io.rgbunmix.cli;

import io.rgbunmix.config.Settings;
import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command that runs a model shares, and the command's output writers. Each falls back on the settings file
 * ({@code --config}, default {@code config/server.yaml} of the {@link Installation}), then on the built-in default.
 */
final class EngineOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (default: config/server.yaml of the installation, $RGBUNMIX_HOME or "
                    + "the folder around the jar, if present).")
    Path config;

    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of models, one sub-folder per model (default: engine.models of the settings).")
    Path models;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Windows per inference batch (default: engine.batchSize of the settings, 16).")
    Integer batchSize;

    @Option(names = "--threads", paramLabel = "N",
            description = "ONNX Runtime intra-op threads per inference call, 0 = one per core (default: engine.threads, 1).")
    Integer threads;

    @Option(names = "--inference-threads", paramLabel = "N",
            description = "Threads running batches at once on the shared model, 0 = one per core "
                    + "(default: engine.inferenceThreads, 0).")
    Integer inferenceThreads;

    /** Where the command prints its results (picocli's writer, so tests can capture it). */
    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    private Path settingsFile() {
        if (config != null) {
            return config;
        }
        // absent or not: relative settings are resolved against the installation above config/
        return Installation.home().map(home -> home.resolve("config").resolve("server.yaml")).orElse(null);
    }

    /** Where the settings came from, for messages: "from FILE", or that the built-in defaults apply. */
    String settingsFileInWords() {
        Path file = settingsFile();
        if (file == null) {
            return "built in (no config/server.yaml found)";
        }
        Path absolute = file.toAbsolutePath().normalize();
        return Files.isRegularFile(absolute) ? "from " + absolute : "built in (" + absolute + " does not exist)";
    }

    Settings settings() throws IOException {
        return Settings.read(settingsFile());
    }

    Path workFolder() throws IOException {
        return settings().workFolder(settingsFile());
    }

    ModelStore store() throws IOException {
        Settings settings = settings();
        return new ModelStore(modelFolder(settings),
                new InferenceSettings(batchSize != null ? batchSize : settings.engine().batchSize(),
                        threads != null ? threads : settings.engine().threads(),
                        inferenceThreads != null ? inferenceThreads : settings.engine().inferenceThreads()));
    }

    Path modelFolder() throws IOException {
        return modelFolder(Settings.read(settingsFile()));
    }

    private Path modelFolder(Settings settings) {
        return models != null ? models : settings.modelsFolder(settingsFile());
    }
}
