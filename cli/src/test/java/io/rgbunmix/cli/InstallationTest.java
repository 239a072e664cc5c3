package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationTest {
    @TempDir
    Path temp;

    @Test
    void aCheckoutsJarInTargetFindsTheModelsAboveIt() throws Exception {
        Files.createDirectories(temp.resolve("models"));
        Path jar = Files.createFile(Files.createDirectories(temp.resolve("target")).resolve("rgbunmix.jar"));
        assertEquals(Optional.of(temp), Installation.aroundJar(jar));
    }

    @Test
    void anUnpackedDistributionHasItsConfigBesideTheJar() throws Exception {
        Path dist = Files.createDirectories(temp.resolve("rgbunmix-0.1.0"));
        Files.createDirectories(dist.resolve("config"));
        Files.createDirectories(temp.resolve("models"));   // a folder further up is not the installation's
        Path jar = Files.createFile(dist.resolve("rgbunmix.jar"));
        assertEquals(Optional.of(dist), Installation.aroundJar(jar));
    }

    @Test
    void aJarWithNothingAroundItHasNoInstallation() throws Exception {
        Path jar = Files.createFile(Files.createDirectories(temp.resolve("a/b")).resolve("rgbunmix.jar"));
        assertTrue(Installation.aroundJar(jar).isEmpty());
    }
}
