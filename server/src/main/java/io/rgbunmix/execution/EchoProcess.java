package io.rgbunmix.execution;

import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.processes.Echo;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The diagnostic echo process (as pygeoapi and ZOO ship one): returns its message and the message's length after an
 * optional pause, during which it reports progress and can be dismissed, and its document; its list and bounding box
 * are checked as any process's are. Lets clients and conformance tools exercise a server, and each protocol's
 * decoding of every kind of value, without running a model.
 */
public final class EchoProcess implements Process<ProcessInputs> {
    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ECHO;
    }

    @Override
    public ProcessInputs check(ProcessInputs inputs) throws InputException {
        for (InputValue.Complex document : inputs.complexes("document")) {
            try (InputStream in = Files.newInputStream(document.file())) {
                Echo.checkDocument(document.mimeType(), in);
            } catch (IOException e) {
                throw new InputException(InputException.INVALID, "document", "input 'document' could not be read");
            }
        }
        return inputs;
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        String message = inputs.text("message").orElse("");
        Optional<InputValue.Complex> document = inputs.complex("document");
        for (OutputRequest output : outputs) {
            if (output.name().equals("echoedDocument")) {
                Echo.checkDocumentOutput(document.map(InputValue.Complex::mimeType).orElse(null), output.mimeType());
            }
        }
        Echo.pause(inputs.number("pause"), context::progress, context::isCancelled);
        List<String> files = new ArrayList<>();
        for (OutputRequest output : outputs) {
            String file = Process.fileName(output);
            Path target = context.directory().resolve(file);
            switch (output.name()) {
                case "echo" -> Files.writeString(target, message, StandardCharsets.UTF_8);
                case "length" -> Files.writeString(target, String.valueOf(Echo.length(message)), StandardCharsets.UTF_8);
                default -> {
                    if (document.isPresent()) {
                        Files.copy(document.get().file(), target);
                    } else {
                        Files.writeString(target, Echo.isText(output.mimeType()) ? "" : Echo.NO_DOCUMENT_AS_GEOJSON,
                                StandardCharsets.UTF_8);
                    }
                }
            }
            files.add(file);
        }
        return files;
    }
}
