package io.rgbunmix.binding;

import io.rgbunmix.lifewatch.BatchException;
import io.rgbunmix.lifewatch.BatchWorkflow;
import io.rgbunmix.model.Level;
import io.rgbunmix.model.ModelStore;
import io.rgbunmix.processes.InputException;
import io.rgbunmix.unmix.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The batch process's input bound: a zip of the LifeWatch windows and their one CSV, inspected under a front
 * end's limits, unpacked and run by the original workflow. Refusals name the input {@code images}.
 *
 * @param maxEntries the most entries a zip may hold
 * @param maxBytes   the most bytes it may unpack to
 */
public record ZippedWindows(int maxEntries, long maxBytes) {
    public static final String INPUT = "images";
    /** The limits where a front end sets none: 10,000 entries, 2 GiB unpacked. */
    public static final ZippedWindows DEFAULT = new ZippedWindows(10_000, 2L << 30);

    /** The zip's entries, read without unpacking: refused unless it is a safe zip holding exactly one CSV. */
    public void check(Path zip) throws InputException {
        try {
            csv(SafeUnzip.inspect(zip, INPUT, maxEntries, maxBytes));
        } catch (IOException e) {
            throw new InputException(InputException.INVALID, INPUT, "cannot read the zip: " + e.getMessage());
        }
    }

    private static String csv(List<String> names) throws InputException {
        List<String> csvs = names.stream().filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
        if (csvs.size() != 1) {
            throw new InputException(InputException.INVALID, INPUT, "the zip must hold exactly one .csv file, found "
                    + csvs.size());
        }
        return csvs.get(0);
    }

    /** Unpacks the zip into {@code work}/input and runs the workflow there; returns the CSV it wrote in {@code work}. */
    public Path run(ModelStore models, Path zip, Level level, Path work, ProgressListener progress) throws Exception {
        Path folder = work.resolve("input");
        List<Path> files = SafeUnzip.extract(zip, folder, INPUT, maxEntries, maxBytes);
        Path csv = folder.resolve(csv(files.stream().map(f -> f.getFileName().toString()).toList()));
        try {
            return new BatchWorkflow(models).run(folder, csv, level, work, progress);
        } catch (BatchException e) {
            // the workflow names the folder it reads, which is the front end's own
            throw new InputException(InputException.INVALID, INPUT, e.getMessage().replace(folder.toString(), "the zip"));
        }
    }
}
