package io.rgbunmix.execution;

import io.rgbunmix.binding.ZippedWindows;
import io.rgbunmix.config.Settings;
import io.rgbunmix.jobs.JobContext;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.processes.ProcessDescription;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * SPEC section 5 as a process: a zip holding the 224 x 224 .jpg windows and their ancillary CSV in,
 * the original workflow's CSV out, with the original's checks and messages.
 */
public final class EstimateAbundancesBatchProcess implements Process<ProcessInputs> {
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
    public ProcessInputs check(ProcessInputs inputs) throws InputException {
        zip().check(inputs.complex(ZippedWindows.INPUT).orElseThrow().file());
        return inputs;
    }

    private ZippedWindows zip() {
        return new ZippedWindows(limits.maxZipEntries(), limits.maxUnzipBytes());
    }

    @Override
    public List<String> execute(ProcessInputs inputs, List<OutputRequest> outputs, JobContext context)
            throws Exception {
        Path written = zip().run(models, inputs.complex(ZippedWindows.INPUT).orElseThrow().file(),
                Level.parse(inputs.text("level").orElseThrow()), context.directory(), context::progress);
        String name = Process.fileName(outputs.get(0));
        Files.move(written, context.directory().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        return List.of(name);
    }
}
