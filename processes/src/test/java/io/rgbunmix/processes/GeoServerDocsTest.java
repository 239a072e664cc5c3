package io.rgbunmix.processes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rgbunmix.processes.GeoServerParameters.Binding;
import io.rgbunmix.processes.GeoServerParameters.Native;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * docs/geoserver.md's table of each process's inputs and outputs is the one {@link GeoServerParameters} makes: a
 * change to a description that the page does not follow fails here, with the table to paste.
 */
class GeoServerDocsTest {
    private static final Path PAGE = Path.of("docs/geoserver.md");

    static String type(Binding binding) {
        return switch (binding) {
            case TEXT -> "string";
            case INTEGER -> "integer";
            case DOUBLE -> "number";
            case BOOLEAN -> "boolean";
            case COVERAGE -> "coverage";
            case FEATURES -> "features";
            case RAW_DATA -> "raw data";
            case ENVELOPE -> "bounding box";
        };
    }

    private static String occurs(Native p) {
        return p.minOccurs() + ".." + p.maxOccurs();
    }

    private static String domain(Native p) {
        if (!p.options().isEmpty()) {
            return String.join(", ", p.options());
        }
        if (p.minimum() != null || p.maximum() != null) {
            return plain(p.minimum()) + " .. " + plain(p.maximum());
        }
        return p.mimeTypes().isEmpty() ? "" : String.join(", ", p.mimeTypes());
    }

    private static String plain(Double value) {
        return value == null ? "" : value == Math.rint(value) ? String.valueOf(value.longValue())
                : String.format(Locale.ROOT, "%s", value);
    }

    /** The markdown table of a process's inputs, then its outputs. */
    static String table(ProcessDescription process) {
        StringBuilder md = new StringBuilder("| input | GeoServer type | occurs | default | values | what it is |\n"
                + "|---|---|---|---|---|---|\n");
        for (Native p : GeoServerParameters.inputs(process)) {
            md.append("| `").append(p.name()).append("` | ").append(type(p.binding())).append(" | ").append(occurs(p))
                    .append(" | ").append(p.defaultValue() == null ? "" : p.defaultValue()).append(" | ")
                    .append(domain(p)).append(" | ").append(p.description().replace("|", "\\|")).append(" |\n");
        }
        md.append("\n| output | GeoServer type | what it is |\n|---|---|---|\n");
        for (Native p : GeoServerParameters.outputs(process)) {
            md.append("| `").append(p.name()).append("` | ").append(type(p.binding())).append(" | ")
                    .append(p.description().replace("|", "\\|")).append(" |\n");
        }
        return md.toString();
    }

    @Test
    void thePageHasEachProcesssTableAsTheDescriptionsMakeIt() throws Exception {
        String page = Files.readString(Path.of("..").resolve(PAGE).normalize().toFile().exists()
                ? Path.of("..").resolve(PAGE) : PAGE);
        StringBuilder missing = new StringBuilder();
        for (ProcessDescription process : GeoServerParameters.processes()) {
            String table = table(process);
            if (!page.contains(table)) {
                missing.append("### ").append(process.wpsIdentifier()).append("\n\n").append(table).append("\n");
            }
        }
        assertTrue(missing.isEmpty(), PAGE + " lacks these tables as the descriptions make them:\n\n" + missing);
        assertTrue(List.of("unmix:EstimateAbundances", "unmix:EstimateChange", "unmix:EstimateAbundancesBatch",
                "unmix:Echo").stream().allMatch(page::contains));
    }
}
