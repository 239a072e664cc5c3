package io.rgbunmix.output;

import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.WindowResult;
import io.rgbunmix.windows.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One CSV row per skipped window: where it is and why it was left out, in words ("clouds and shadows
 * 37 %"), so a map's holes can be told apart. Streams.
 */
public final class SkippedWindowsCsvWriter implements ResultWriter {
    private final OutputStream out;
    private CSVPrinter printer;

    public SkippedWindowsCsvWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(RunLayout layout) throws IOException {
        printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\n").build());
        printer.printRecord("window_id", "row", "col", "reason", "detail");
    }

    @Override
    public void write(WindowResult result) {
    }

    @Override
    public void skipped(Window window, SkipReason reason, String detail) throws IOException {
        printer.printRecord(window.id(), window.row(), window.col(), reason.name().toLowerCase(Locale.ROOT), detail);
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        printer.flush();
    }
}
