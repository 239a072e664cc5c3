package io.rgbunmix.cli;

import io.rgbunmix.lifewatch.BatchWorkflow;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.CommandLineOptions;
import io.rgbunmix.processes.ProcessDescriptions;
import io.rgbunmix.processes.ProcessInputs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rgbunmix batch}: the original LifeWatch image-folder + CSV workflow. */
@Command(name = "batch", mixinStandardHelpOptions = true,
        description = "The original workflow: a folder of 224 x 224 RGB .jpg windows and a CSV of their ancillary "
                + "values in; 'Abundance estimation results at level N1.csv' (or N2) out.")
final class BatchCommand implements Callable<Integer> {
    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of .jpg windows.")
    Path images;

    @Option(names = "--ancillary", required = true, paramLabel = "FILE.csv",
            description = "CSV with columns filename, evapotranspiration, precipitation, elevation, slope, "
                    + "temp_ave, temp_max, temp_min.")
    Path csv;

    /**
     * Batch reads what the zip of estimate-abundances-batch holds, a folder and its CSV; its other
     * inputs (--level) are the description's.
     */
    static final List<String> OWN_FORM = List.of("images");

    static void addDescribedOptions(CommandSpec batch) {
        CommandLineOptions.add(batch, ProcessDescriptions.ESTIMATE_ABUNDANCES_BATCH, OWN_FORM, Map.of(), Map.of(),
                Map.of());
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        ProcessInputs checked = CommandLineOptions.of(spec, ProcessDescriptions.ESTIMATE_ABUNDANCES_BATCH, OWN_FORM)
                .checked();
        try (ModelStore models = engine.store()) {
            Path written = new BatchWorkflow(models).run(images, csv, Level.parse(checked.text("level").orElseThrow()), out,
                    ProgressBar.forTerminal("images"));
            engine.out().println("wrote " + written);
        }
        return 0;
    }
}
