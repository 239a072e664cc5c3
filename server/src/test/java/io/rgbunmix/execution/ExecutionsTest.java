package io.rgbunmix.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.binding.ZippedWindows;
import io.rgbunmix.config.Settings;
import io.rgbunmix.fetch.ReferenceFetcher;
import io.rgbunmix.fetch.ReferenceRules;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.jobs.JobLimits;
import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one execution pipeline, whatever the protocol: each way an execution ends is a typed outcome, the process's
 * checks run once, and the staging folder is gone afterwards however it ended.
 */
class ExecutionsTest {
    @TempDir
    Path temp;
    private JobManager jobs;
    private Executions executions;
    private Callbacks callbacks;
    private final List<String> checked = new ArrayList<>();

    /** Echo's description; refuses or fails on the message's word, and counts its checks. */
    private final Process<String> toy = new Process<>() {
        @Override
        public ProcessDescription description() {
            return ProcessDescriptions.ECHO;
        }

        @Override
        public String check(ProcessInputs inputs) throws InputException {
            String message = inputs.text("message").orElseThrow();
            checked.add(message);
            if (message.equals("refuse-at-check")) {
                throw new InputException(InputException.INVALID, "message", "not this message");
            }
            return message;
        }

        @Override
        public List<String> execute(String message, List<OutputRequest> outputs, JobContext context) throws Exception {
            if (message.equals("refuse-at-run")) {
                throw new InputException(InputException.INVALID, "message", "found wanting as it ran");
            }
            if (message.equals("crash")) {
                throw new IllegalStateException("the server's own trouble");
            }
            Files.writeString(context.directory().resolve("echo.txt"), message, StandardCharsets.UTF_8);
            return List.of("echo.txt");
        }
    };

    @BeforeEach
    void start() throws Exception {
        jobs = new JobManager(temp.resolve("jobs"), JobLimits.DEFAULT, Clock.systemUTC(),
                StoredExecution.loader(new ProcessRegistry(List.of(toy))));
        // references only to a port nothing listens on
        ReferenceFetcher fetcher = new ReferenceFetcher(new ReferenceRules(List.of("http://127.0.0.1:9/"), 1L << 20, 5L));
        callbacks = new Callbacks(jobs, fetcher, Duration.ofMillis(10), 1);
        executions = new Executions(jobs, fetcher, callbacks);
    }

    @AfterEach
    void stop() throws Exception {
        callbacks.close();
        jobs.close();
    }

    private Outcome execute(Map<String, List<GivenValue>> inputs, boolean async, Path folder) throws Exception {
        return executions.execute(new ExecutionRequest(toy, inputs, List.of(new OutputRequest("echo", null)), async,
                "ana", folder, ExecutionRequest.Extras.NONE));
    }

    private Path folder(String name) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("staging").resolve(name));
        Files.writeString(folder.resolve("inline-0"), "a client's bytes");
        return folder;
    }

    private static Map<String, List<GivenValue>> message(String text) {
        return Map.of("message", List.of(new GivenValue.Literal(text)));
    }

    @Test
    void aRunToItsEndSucceedsWithItsOutputsAndItsChecksMadeOnce() throws Exception {
        Path folder = folder("ok");
        Outcome.Succeeded done = assertInstanceOf(Outcome.Succeeded.class, execute(message("hola"), false, folder));
        assertEquals(List.of("echo.txt"), done.job().results());
        assertEquals(List.of(new OutputRequest("echo", "text/plain")), done.outputs());
        assertEquals("ana", done.job().owner());
        assertEquals(List.of("hola"), checked, "checked once: the run takes what the check made");
        assertFalse(Files.exists(folder));
    }

    @Test
    void aStoredRunIsAcceptedAndItsStagingFolderGoneAtOnce() throws Exception {
        Path folder = folder("stored");
        Outcome.Accepted accepted = assertInstanceOf(Outcome.Accepted.class, execute(message("later"), true, folder));
        assertEquals(JobState.ACCEPTED, accepted.job().state());
        assertFalse(Files.exists(folder));
    }

    @Test
    void everyRefusalNamesItsInputAndLeavesNoStagedFile() throws Exception {
        Path before = folder("unknown-input");
        Outcome.Refused unknown = assertInstanceOf(Outcome.Refused.class,
                execute(Map.of("mesage", List.of(new GivenValue.Literal("x"))), false, before));
        assertEquals("mesage", unknown.locator());
        assertNull(unknown.job(), "refused before any job");
        assertEquals(List.of(), checked, "refused as given, before the process's own checks");

        Path atCheck = folder("at-check");
        Outcome.Refused check = assertInstanceOf(Outcome.Refused.class, execute(message("refuse-at-check"), false, atCheck));
        assertEquals(new Outcome.Refused(InputException.INVALID, "message", "not this message", null), check);

        Path atRun = folder("at-run");
        Outcome.Refused run = assertInstanceOf(Outcome.Refused.class, execute(message("refuse-at-run"), false, atRun));
        assertEquals("message", run.locator());
        assertEquals(JobState.FAILED, run.job().state(), "the job that found it is kept, failed");

        Path reference = folder("reference");
        Process<ProcessInputs> zip = new EstimateAbundancesBatchProcess(null, Settings.DEFAULT.limits());
        Outcome.Refused fetched = assertInstanceOf(Outcome.Refused.class, executions.execute(new ExecutionRequest(zip,
                Map.of(ZippedWindows.INPUT, List.of(GivenValue.Reference.get("http://192.0.2.1/windows.zip",
                        "application/zip"))), List.of(), false, null, reference, ExecutionRequest.Extras.NONE)));
        assertEquals(ZippedWindows.INPUT, fetched.locator());
        assertTrue(fetched.message().contains("192.0.2.1"), fetched.message());

        for (Path folder : List.of(before, atCheck, atRun, reference)) {
            assertFalse(Files.exists(folder), folder + " deleted");
        }
    }

    @Test
    void aFailureThatIsNotTheClientsIsFailed() throws Exception {
        Path folder = folder("crash");
        Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, execute(message("crash"), false, folder));
        assertEquals(JobState.FAILED, failed.job().state());
        assertNull(failed.job().fault());
        assertFalse(Files.exists(folder));
    }

    @Test
    void aProtocolsOwnRuleOnTheOutputsRefusesLikeAnyOther() throws Exception {
        Path folder = folder("outputs");
        Outcome outcome = executions.execute(new ExecutionRequest(toy, message("x"), List.of(), false, null, folder,
                new ExecutionRequest.Extras(outputs -> {
                    throw new InputException(InputException.INVALID, "RawDataOutput", outputs.size() + " outputs");
                }, List.of(), ExecutionRequest.OwnReferences.NONE, null)));
        assertEquals(new Outcome.Refused(InputException.INVALID, "RawDataOutput", "3 outputs", null), outcome);
        assertFalse(Files.exists(folder));
    }
}
