package io.rgbunmix.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.WindowChange;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.ModelCard;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A change between two periods as GeoJSON (EPSG:4326, with a summary) and as CSV, one window a feature or row. */
public final class ChangeWriters {
    private static final JsonFactory JSON = new JsonFactory();

    private ChangeWriters() {
    }

    /**
     * {@code change.geojson}: a feature per window kept in both periods, and a {@code summary} member with the
     * rule of likeliness, the model's errors, the transition matrix (windows, and km² in {@code transitionsKm2}) and the
     * skipped windows.
     */
    public static void geoJson(ChangeComparison comparison, OutputStream out) throws IOException {
        ModelCard card = comparison.model();
        List<String> names = ChangeAttributes.names(card);
        Reprojection toLonLat = new Reprojection(comparison.layout().raster().crs(), Crs.LON_LAT);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("type", "FeatureCollection");
            json.writeArrayFieldStart("features");
            for (WindowChange change : comparison.changes()) {
                GeoJsonResultWriter.writeFeature(json, change.before().window().id(),
                        toLonLat.apply(change.before().footprint()), names, ChangeAttributes.values(comparison, change));
            }
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeStringField("model", card.id());
            json.writeStringField("level", card.level().name());
            // what the model is, in its card's words: a reader weighs the change by them (the shipped ones are proxies)
            json.writeStringField("modelTitle", card.title());
            json.writeStringField("modelDescription", card.provenance() == null ? ""
                    : card.provenance().path("description").asText(""));
            json.writeBooleanField("modelTrained", card.trained());
            json.writeStringField("likely", "a class's change is likely when |after - before| > k * sqrt(2) * e, "
                    + "e its error (the model's validation MAE), k = " + comparison.significance());
            json.writeStringField("errors", comparison.error().source());
            json.writeObjectFieldStart("errorPerClass");
            for (int k = 0; k < card.classes().size(); k++) {
                json.writeNumberField(card.classes().get(k).key(), comparison.error().perClass()[k]);
            }
            json.writeEndObject();
            json.writeNumberField("windowsCompared", comparison.changes().size());
            json.writeNumberField("windowsLikelyChanged", comparison.changes().stream().filter(WindowChange::anyLikely)
                    .count());
            int[][] counts = comparison.transitions();
            double[][] areas = comparison.transitionAreas();
            writeMatrix(json, "transitions", card, (from, to) -> json.writeNumberField(card.classes().get(to).key(),
                    counts[from][to]));
            writeMatrix(json, "transitionsKm2", card, (from, to) -> json.writeNumberField(card.classes().get(to).key(),
                    areas[from][to]));
            json.writeArrayFieldStart("skippedWindows");
            for (ChangeComparison.SkippedWindow skipped : comparison.skipped()) {
                json.writeStartObject();
                json.writeNumberField("window", skipped.window());
                json.writeStringField("period", skipped.period());
                json.writeStringField("reason", skipped.reason().reason().name().toLowerCase(java.util.Locale.ROOT));
                json.writeStringField("detail", skipped.reason().detail());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    /** A cell of a from-to matrix, written as a field of its row. */
    private interface MatrixCell {
        void write(int from, int to) throws IOException;
    }

    /** {@code field: {from: {to: value, ...}, ...}} in the card's class order. */
    private static void writeMatrix(JsonGenerator json, String field, ModelCard card, MatrixCell cell)
            throws IOException {
        json.writeObjectFieldStart(field);
        for (int from = 0; from < card.classes().size(); from++) {
            json.writeObjectFieldStart(card.classes().get(from).key());
            for (int to = 0; to < card.classes().size(); to++) {
                cell.write(from, to);
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /**
     * {@code change.tif}: one float32 band per class (named after it) of the change in points, one pixel per window
     * of the "before" grid, NaN where a window was not compared.
     */
    public static void geoTiff(ChangeComparison comparison, Path target) throws IOException {
        AbundanceGrid grid = new AbundanceGrid(comparison.layout());
        for (WindowChange change : comparison.changes()) {
            grid.putPoints(change.before().window().id(), change.difference());
        }
        GeoTiffResultWriter.write(target, grid);
    }

    /** {@code change.csv}: the same attributes, a header row and a row per window. */
    public static void csv(ChangeComparison comparison, OutputStream out) throws IOException {
        CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setRecordSeparator("\n").build());
        printer.printRecord(ChangeAttributes.names(comparison.model()));
        for (WindowChange change : comparison.changes()) {
            printer.printRecord(ChangeAttributes.values(comparison, change));
        }
        printer.flush();
    }
}
