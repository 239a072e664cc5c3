package io.rgbunmix.ogcapi;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rgbunmix.ClientMessages;
import io.rgbunmix.FuzzScratch;
import io.rgbunmix.execution.Staging;
import io.rgbunmix.processes.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OGC API - Processes execute request reader on arbitrary bytes: it either reads, or refuses
 * with an InputException in words; nothing else may escape. Seeds: ExecuteJsonFuzzTestInputs/;
 * long runs: scripts/fuzz.sh.
 */
class ExecuteJsonFuzzTest {
    private static final Path SCRATCH = FuzzScratch.folder();

    @FuzzTest
    void executeRequest(byte[] data) throws IOException {
        Path folder = Staging.newFolder(SCRATCH);
        Path body = Files.write(folder.resolve("request.json"), data);
        try {
            ExecuteJson.read(body, folder);
        } catch (InputException refused) {
            ClientMessages.assertInWords(refused.getMessage(), "an execute request refusal", data);
        } finally {
            Staging.delete(folder);
        }
    }
}
