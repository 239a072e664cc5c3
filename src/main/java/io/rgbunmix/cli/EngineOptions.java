package io.rgbunmix.cli;

import io.rgbunmix.model.InferenceSettings;
import io.rgbunmix.model.ModelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that runs a model shares: where the models are and how to run them. */
final class EngineOptions {
    @Option(names = "--models", paramLabel = "DIR",
            description = "Folder of models (one sub-folder per model). Default: $RGBUNMIX_HOME/models, else ./models.")
    Path models;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "Windows per inference batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "ONNX Runtime intra-op threads; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    ModelStore store() {
        return new ModelStore(modelFolder(), new InferenceSettings(batchSize, threads));
    }

    Path modelFolder() {
        if (models != null) {
            return models;
        }
        String home = System.getenv("RGBUNMIX_HOME");
        Path fromHome = home == null ? null : Path.of(home, "models");
        return fromHome != null && Files.isDirectory(fromHome) ? fromHome : Path.of("models");
    }
}
