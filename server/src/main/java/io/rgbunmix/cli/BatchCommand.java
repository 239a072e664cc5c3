package io.rgbunmix.cli;

import io.rgbunmix.batch.BatchWorkflow;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Option(names = "--level", defaultValue = "N1", paramLabel = "N1|N2",
            description = "Class level (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (ModelStore models = engine.store()) {
            Path written = new BatchWorkflow(models).run(images, csv, Level.parse(level), out,
                    ProgressBar.forTerminal("images"));
            engine.out().println("wrote " + written);
        }
        return 0;
    }
}
