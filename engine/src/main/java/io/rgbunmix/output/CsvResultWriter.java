package io.rgbunmix.output;

import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.WindowResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** One CSV row per processed window, with a header row; streams. */
public final class CsvResultWriter implements ResultWriter {
    private final OutputStream out;
    private CSVPrinter printer;
    private ResultAttributes attributes;

    public CsvResultWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(RunLayout layout) throws IOException {
        attributes = ResultAttributes.of(layout);
        printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\n").build());
        printer.printRecord(ResultAttributes.names(layout.model()));
    }

    @Override
    public void write(WindowResult result) throws IOException {
        printer.printRecord(attributes.values(result));
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        printer.flush();
    }
}
