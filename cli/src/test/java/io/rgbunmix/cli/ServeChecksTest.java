package io.rgbunmix.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.ClientMessages;
import io.rgbunmix.TestData;
import io.rgbunmix.auth.TestProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} fails fast: settings, models and the work folder are checked before it listens, each
 * refusal one line with the path as resolved; {@code serve --check} stops after the checks. Relative
 * paths in a settings file are resolved against that file's folder.
 */
class ServeChecksTest {
    @TempDir
    Path temp;

    private static CliRun serve(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    private void refusedInOneLine(CliRun outcome, String says) {
        assertEquals(2, outcome.code(), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count(), outcome.err());
        assertTrue(outcome.err().contains(says), outcome.err());
        // the operator's own paths are theirs to see; nothing else of the machine, and no class name
        ClientMessages.assertInWords(outcome.err().replace(temp.toString(), ""), "serve");
    }

    @Test
    void aCopyOfTheShippedSettingsElsewhereNamesTheModelFolderItResolved() throws Exception {
        Path etc = Files.createDirectories(temp.resolve("etc/rgbunmix"));
        Path copy = Files.copy(Path.of("config/server.yaml"), etc.resolve("server.yaml"));
        CliRun outcome = serve("--check", "--config", copy.toString());
        // ../models of /tmp/.../etc/rgbunmix/server.yaml is /tmp/.../etc/models
        assertEquals(2, outcome.code(), outcome.err());
        assertTrue(outcome.err().contains("model folder " + temp.resolve("etc/models") + " does not exist"),
                outcome.err());
    }

    @Test
    void relativePathsAreTakenFromTheSettingsFilesFolderAndTheCheckSaysWhatItFound() throws Exception {
        Path etc = Files.createDirectories(temp.resolve("etc"));
        Path models = etc.relativize(TestData.MODELS.toAbsolutePath());
        Path file = Files.writeString(etc.resolve("server.yaml"), "engine:\n  models: " + models + "\nserver:\n"
                + "  workDir: jobs\n");
        CliRun outcome = serve("--check", "--config", file.toString());
        assertEquals(0, outcome.code(), outcome.err());
        assertTrue(outcome.out().contains("models in " + TestData.MODELS.toAbsolutePath().normalize() + " (N1: "),
                outcome.out());
        assertTrue(outcome.out().contains("jobs in " + etc.resolve("jobs")), outcome.out());
        assertTrue(Files.isDirectory(etc.resolve("jobs")), "the work folder is made by the check");
    }

    @Test
    void anUnknownSettingIsRefusedByItsNameWithTheKnownOnes() throws Exception {
        Path file = Files.writeString(temp.resolve("typo.yaml"), "engine:\n  batchsize: 4\n");
        refusedInOneLine(serve("--check", "--config", file.toString()), "unknown setting 'engine.batchsize'; the "
                + "settings there are [batchSize, inferenceThreads, models, threads]");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByItsName() throws Exception {
        Path file = Files.writeString(temp.resolve("type.yaml"), "jobs:\n  queue: many\n");
        refusedInOneLine(serve("--check", "--config", file.toString()), "setting 'jobs.queue' must be a whole number");
    }

    @Test
    void aValueASectionRefusesIsToldInItsWords() throws Exception {
        Path logging = Files.writeString(temp.resolve("logging.yaml"), "logging:\n  format: xml\n");
        refusedInOneLine(serve("--check", "--config", logging.toString()), "logging.format must be text or json, got 'xml'");
        Path dates = Files.writeString(temp.resolve("dates.yaml"), "limits:\n  maxDates: 100\n");
        refusedInOneLine(serve("--check", "--config", dates.toString()), "limits.maxDates must be between 1 and 64, got 100");
    }

    @Test
    void aWorkFolderThatCannotBeWrittenIsRefused() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("file"), "x");
        refusedInOneLine(serve("--check", "--models", TestData.MODELS.toString(), "--work-dir",
                notAFolder.resolve("work").toString()), "the work folder " + notAFolder.resolve("work")
                + " is not writable");
    }

    @Test
    void aFolderWithoutModelsIsRefusedBeforeAnyJob() throws Exception {
        Path empty = Files.createDirectories(temp.resolve("no-models"));
        refusedInOneLine(serve("--check", "--models", empty.toString(), "--work-dir", temp.resolve("w").toString()),
                "no usable N1 model");
    }

    @Test
    void openIdConnectSettingsAreCheckedAtStartAndTheProviderIsRead() throws Exception {
        Path alone = Files.writeString(temp.resolve("alone.yaml"), "auth:\n  oidc:\n    issuer: https://sso.example.org/r\n");
        refusedInOneLine(serve("--check", "--config", alone.toString()), "auth.oidc.audience is required with "
                + "auth.oidc.issuer");
        Path both = Files.writeString(temp.resolve("both.yaml"), "server:\n  token: abc\nauth:\n  oidc:\n"
                + "    issuer: https://sso.example.org/r\n    audience: rgbunmix\n");
        refusedInOneLine(serve("--check", "--config", both.toString()), "server.token and auth.oidc.issuer are both set");
        Path away = Files.writeString(temp.resolve("away.yaml"), "engine:\n  models: " + TestData.MODELS.toAbsolutePath()
                + "\nauth:\n  oidc:\n    issuer: http://127.0.0.1:1/realms/none\n    audience: rgbunmix\n");
        refusedInOneLine(serve("--check", "--config", away.toString(), "--work-dir", temp.resolve("w1").toString()),
                "cannot read the provider's discovery document http://127.0.0.1:1/realms/none/.well-known/openid-configuration");
        try (TestProvider provider = new TestProvider()) {
            Path good = Files.writeString(temp.resolve("good.yaml"), "engine:\n  models: "
                    + TestData.MODELS.toAbsolutePath() + "\nauth:\n  oidc:\n    issuer: " + provider.issuer()
                    + "\n    audience: rgbunmix\n");
            CliRun outcome = serve("--check", "--config", good.toString(), "--work-dir", temp.resolve("w2").toString());
            assertEquals(0, outcome.code(), outcome.err());
            assertTrue(outcome.out().contains("users of " + provider.issuer() + " (audience rgbunmix, keys at "
                    + provider.issuer() + "/certs)"), outcome.out());
        }
    }
}
