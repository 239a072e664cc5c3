package io.rgbunmix.execution;

import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.processes.Echo;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnostic echo process (as pygeoapi and ZOO ship one): returns its message and the message's
 * length, after an optional pause during which it reports progress and can be dismissed. Lets
 * clients and conformance tools exercise a server without running a model.
 */
public final class EchoProcess implements Process<ProcessInputs> {
    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ECHO;
    }

    @Override
    public ProcessInputs check(ProcessInputs inputs) {
        return inputs;
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        String message = inputs.text("message").orElseThrow();
        Echo.pause(inputs.number("pause"), context::progress, context::isCancelled);
        List<String> files = new ArrayList<>();
        for (OutputRequest output : outputs) {
            String value = output.name().equals("echo") ? message
                    : String.valueOf(Echo.length(message));
            String file = Process.fileName(output);
            Files.writeString(context.directory().resolve(file), value, StandardCharsets.UTF_8);
            files.add(file);
        }
        return files;
    }
}
