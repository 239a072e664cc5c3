package io.rgbunmix.process;

import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * The diagnostic echo process (as pygeoapi and ZOO ship one): returns its message and the message's
 * length, after an optional pause during which it reports progress and can be dismissed. Lets
 * clients and conformance tools exercise a server without running a model.
 */
public final class EchoProcess implements Process {
    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ECHO;
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        String message = inputs.text("message").orElseThrow();
        long pauseMillis = (long) (inputs.number("pause") * 1000);
        long steps = Math.max(1, pauseMillis / 100);
        for (long step = 1; pauseMillis > 0 && step <= steps; step++) {
            if (context.isCancelled()) {
                throw new CancellationException("dismissed");
            }
            Thread.sleep(pauseMillis / steps);
            context.progress(step, steps);
        }
        List<String> files = new ArrayList<>();
        for (OutputRequest output : outputs) {
            String value = output.name().equals("echo") ? message
                    : String.valueOf(message.codePointCount(0, message.length()));
            String file = Process.fileName(output);
            Files.writeString(context.directory().resolve(file), value, StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }
}
