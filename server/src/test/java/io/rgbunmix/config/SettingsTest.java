package io.rgbunmix.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path temp;

    @Test
    void theShippedFileStatesTheDefaults() throws IOException {
        Path shipped = Path.of("config/server.yaml");
        assertEquals(Settings.DEFAULT, Settings.read(shipped));
        assertEquals(Path.of("models").toAbsolutePath().normalize(), Settings.DEFAULT.modelsFolder(shipped));
    }

    @Test
    void valuesOverrideDefaultsAndMissingKeysKeepThem() throws IOException {
        Path file = Files.createDirectories(temp.resolve("install/config")).resolve("server.yaml");
        Files.writeString(file, "engine:\n  batchSize: 4\n");
        Settings settings = Settings.read(file);
        assertEquals(4, settings.engine().batchSize());
        assertEquals(1, settings.engine().threads());
        assertEquals(0, settings.engine().inferenceThreads());
        assertEquals(temp.resolve("install/models").toAbsolutePath(), settings.modelsFolder(file));
    }

    @Test
    void missingFileMeansDefaultsAndUnknownKeysAreErrors() throws IOException {
        assertEquals(Settings.DEFAULT, Settings.read(temp.resolve("absent.yaml")));
        Path file = Files.writeString(temp.resolve("typo.yaml"), "engine:\n  batchsize: 4\n");
        String message = assertThrows(IOException.class, () -> Settings.read(file)).getMessage();
        assertTrue(message.contains("typo.yaml") && message.contains("batchsize"), message);
    }
}
