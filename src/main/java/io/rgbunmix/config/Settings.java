package io.rgbunmix.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The settings of {@code config/server.yaml}. A missing file or a missing key means the default;
 * an unknown key is an error, so that a typo does not silently leave a default in force.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record Settings(Engine engine) {
    /**
     * How models are found and run.
     *
     * @param models    folder of models; relative paths are resolved against the settings file's
     *                  parent's parent (the installation folder for {@code config/server.yaml})
     * @param batchSize windows per inference batch
     * @param threads   ONNX Runtime intra-op threads, 0 = one per core
     */
    public record Engine(String models, Integer batchSize, Integer threads) {
        static final Engine DEFAULT = new Engine("models", 16, 0);
    }

    public static final Settings DEFAULT = new Settings(Engine.DEFAULT);

    public Settings {
        engine = engine == null ? Engine.DEFAULT : new Engine(
                engine.models() == null ? Engine.DEFAULT.models() : engine.models(),
                engine.batchSize() == null ? Engine.DEFAULT.batchSize() : engine.batchSize(),
                engine.threads() == null ? Engine.DEFAULT.threads() : engine.threads());
    }

    /** Reads a settings file; the defaults when it does not exist. */
    public static Settings read(Path file) throws IOException {
        if (file == null || !Files.isRegularFile(file)) {
            return DEFAULT;
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Settings settings = yaml.readValue(file.toFile(), Settings.class);
            return settings == null ? DEFAULT : settings;
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage().lines().findFirst().orElse("unreadable"), e);
        }
    }

    /** The models folder, resolved against the installation folder above {@code file}'s folder. */
    public Path modelsFolder(Path file) {
        Path models = Path.of(engine.models());
        if (models.isAbsolute() || file == null) {
            return models;
        }
        Path installation = file.toAbsolutePath().getParent().getParent();
        return installation == null ? models : installation.resolve(models).normalize();
    }
}
