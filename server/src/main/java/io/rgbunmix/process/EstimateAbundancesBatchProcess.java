package io.rgbunmix.process;

import io.rgbunmix.batch.BatchException;
import io.rgbunmix.batch.BatchWorkflow;
import io.rgbunmix.config.Settings;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * SPEC section 5 as a process: a zip holding the 224 x 224 .jpg windows and their ancillary CSV in,
 * the original workflow's CSV out, with the original's checks and messages.
 */
public final class EstimateAbundancesBatchProcess implements Process {
    private final ModelStore models;
    private final Settings.Limits limits;

    public EstimateAbundancesBatchProcess(ModelStore models, Settings.Limits limits) {
        this.models = models;
        this.limits = limits;
    }

    @Override
    public ProcessDescription description() {
        return ProcessDescriptions.ESTIMATE_ABUNDANCES_BATCH;
    }

    /** The zip is inspected (guards, one CSV) before any job is accepted. */
    @Override
    public void check(ProcessInputs inputs) throws InputException {
        try {
            csvCount(SafeUnzip.inspect(inputs.complex("images").orElseThrow().file(), "images",
                    limits.maxZipEntries(), limits.maxUnzipBytes()));
        } catch (IOException e) {
            throw new InputException(InputException.INVALID, "images", "cannot read the zip: " + e.getMessage());
        }
    }

    private static List<String> csvCount(List<String> names) throws InputException {
        List<String> csvs = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
        if (csvs.size() != 1) {
            throw new InputException(InputException.INVALID, "images", "the zip must hold exactly one .csv file, found "
                    + csvs.size());
        }
        return csvs;
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        Path folder = context.directory().resolve("input");
        List<Path> files = SafeUnzip.extract(inputs.complex("images").orElseThrow().file(), folder, "images",
                limits.maxZipEntries(), limits.maxUnzipBytes());
        Path csv = folder.resolve(csvCount(files.stream().map(f -> f.getFileName().toString()).toList()).get(0));
        Level level = Level.parse(inputs.text("level").orElseThrow());
        Path written;
        try {
            written = new BatchWorkflow(models).run(folder, csv, level, context.directory(), context::progress);
        } catch (BatchException e) {
            // the workflow names the folder it reads, which is the job's, on this server
            throw new InputException(InputException.INVALID, "images", e.getMessage().replace(folder.toString(), "the zip"));
        }
        String name = Process.fileName(outputs.get(0));
        Files.move(written, context.directory().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return List.of(name);
    }
}
