package io.rgbunmix.execution;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.jobs.JobFiles;
import io.rgbunmix.jobs.WorkLoader;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.InputValue;
import io.rgbunmix.processes.ProcessInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked execution as it is kept in its job's directory: {@code execution.json} (literals, the
 * media types and file names of complex inputs, or the URLs of those read in place, the requested
 * outputs) and the complex inputs' bytes under {@code inputs/}. Every asynchronous job runs from this, so a job resumed after a restart
 * runs exactly as it would have the first time.
 *
 * @param inputs  each input's stored values, by name (a single value, as jobs stored before inputs took
 *                several, is read as a list of one)
 * @param outputs the outputs asked for, with their formats
 */
public record StoredExecution(Map<String, List<Value>> inputs, List<OutputRequest> outputs) {
    static final String FILE = "execution.json";
    private static final String INPUTS = "inputs";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    /**
     * One input: a literal's text, or a complex value's media type and either its file name under
     * {@code inputs/}, or, read in place, its URL, or the STAC collection searched and its period.
     */
    public record Value(String text, String mimeType, String file, String href, String collection, String datetime) {
    }

    /**
     * What writes an execution into its job's directory: complex inputs are moved there from where
     * the interface staged them, and the rest is written as {@code execution.json}.
     */
    public static JobFiles of(ProcessInputs inputs, List<OutputRequest> outputs) {
        return directory -> {
            Path folder = Files.createDirectories(directory.resolve(INPUTS));
            Map<String, List<Value>> stored = new LinkedHashMap<>();
            for (Map.Entry<String, List<InputValue>> input : inputs.values().entrySet()) {
                List<Value> values = new ArrayList<>();
                for (InputValue value : input.getValue()) {
                    if (value instanceof InputValue.Complex complex && complex.collection() != null) {
                        values.add(new Value(null, complex.mimeType(), null, null, complex.collection().url(),
                                complex.collection().datetime()));
                    } else if (value instanceof InputValue.Complex complex && complex.isInPlace()) {
                        values.add(new Value(null, complex.mimeType(), null, complex.href(), null, null));
                    } else if (value instanceof InputValue.Complex complex) {
                        String file = input.getKey() + (values.isEmpty() ? "" : "-" + values.size()) + ".dat";
                        Files.move(complex.file(), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                        values.add(new Value(null, complex.mimeType(), file, null, null, null));
                    } else {
                        values.add(new Value(((InputValue.Literal) value).text(), null, null, null, null, null));
                    }
                }
                stored.put(input.getKey(), values);
            }
            JSON.writeValue(directory.resolve(FILE).toFile(), new StoredExecution(stored, outputs));
        };
    }

    /**
     * Rebuilds the work of a job from its directory: the process found by id, its inputs checked
     * again (as a restart may have come with a new version) and the outputs as asked.
     */
    public static WorkLoader loader(ProcessRegistry registry) {
        return (processId, directory) -> {
            Path file = directory.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Process<?> process = registry.byId(processId).orElseThrow(() -> new IOException(
                    "this server no longer offers the process " + processId));
            StoredExecution stored = JSON.readValue(file.toFile(), StoredExecution.class);
            Map<String, List<InputValue>> given = new LinkedHashMap<>();
            stored.inputs().forEach((name, values) -> given.put(name, values.stream().map(value -> value.collection() != null
                    ? InputValue.Complex.of(new InputValue.Collection(value.collection(), value.datetime()))
                    : value.href() != null
                    ? InputValue.Complex.inPlace(value.mimeType(), value.href())
                    : value.file() == null ? (InputValue) new InputValue.Literal(value.text())
                    : new InputValue.Complex(value.mimeType(), directory.resolve(INPUTS).resolve(value.file()))).toList()));
            try {
                ProcessInputs inputs = ProcessInputs.validate(process.description(), given);
                return Optional.of(Process.work(process, inputs, process.outputs(stored.outputs())));
            } catch (InputException e) {
                throw new IOException("its stored request is no longer valid: " + e.getMessage(), e);
            }
        };
    }
}
