package io.rgbunmix.wps;

import io.rgbunmix.jobs.JobManager;
import io.rgbunmix.jobs.JobState;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How a WPS client asked for a job's outputs (each inline or by reference), kept with the job so that its final
 * status or result, even after a restart and whichever WPS version asks, honours it; and the outputs of a finished
 * job in that form.
 */
final class JobOutputs {
    /** Which outputs an Execute asked by reference, kept in the job's directory. */
    static final String FILE = "output-form.properties";

    private JobOutputs() {
    }

    /** Writes, for each requested output, whether it is wanted as a reference. */
    static void write(Map<String, Boolean> references, Path file) throws IOException {
        Properties form = new Properties();
        references.forEach((name, byReference) -> form.setProperty(name, String.valueOf(byReference)));
        try (OutputStream out = Files.newOutputStream(file)) {
            form.store(out, "asReference per output");
        }
    }

    /** What {@link #write} kept for a job; empty for a job from before the file (every output inline). */
    static Map<String, Boolean> read(JobManager jobs, String id) throws IOException {
        Optional<Path> file = jobs.file(id, FILE);
        if (file.isEmpty()) {
            return Map.of();
        }
        Properties form = new Properties();
        try (InputStream in = Files.newInputStream(file.get())) {
            form.load(in);
        }
        Map<String, Boolean> references = new LinkedHashMap<>();
        form.stringPropertyNames().forEach(name -> references.put(name, Boolean.parseBoolean(form.getProperty(name))));
        return references;
    }

    /** The URL of one result file: GeoServer's GetExecutionResult, which serves the bytes to either WPS version. */
    static String resultUrl(String endpoint, String id, String file) {
        return endpoint + "?service=WPS&version=1.0.0&request=GetExecutionResult&executionId=" + id + "&outputId="
                + URLEncoder.encode(file, StandardCharsets.UTF_8);
    }

    /**
     * The outputs of a succeeded job (none for any other): inline unless asked by reference.
     *
     * @throws WpsException when a Dismiss took the job's files meanwhile
     */
    static List<WpsDocuments.OutputData> of(JobManager jobs, ProcessDescription description, JobStatus status,
                                            String endpoint, Map<String, Boolean> asReference,
                                            WpsException dismissed) throws WpsException {
        if (status.state() != JobState.SUCCEEDED) {
            return List.of();
        }
        List<WpsDocuments.OutputData> data = new ArrayList<>();
        for (String file : status.results()) {
            String identifier = file.substring(0, file.indexOf('.'));
            Parameter output = description.output(identifier).orElseThrow();
            Path path = jobs.result(status.id(), file).orElseThrow(() -> dismissed);
            String href = asReference.getOrDefault(identifier, false) ? resultUrl(endpoint, status.id(), file) : null;
            data.add(new WpsDocuments.OutputData(identifier, output.title(), Format.mediaTypeOf(file),
                    output.type() instanceof Parameter.Literal, path, href));
        }
        return data;
    }
}
