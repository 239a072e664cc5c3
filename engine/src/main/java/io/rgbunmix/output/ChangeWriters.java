package io.rgbunmix.output;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rgbunmix.change.ChangeComparison;
import io.rgbunmix.change.WindowChange;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.raster.RasterGeometry;
import io.rgbunmix.unmix.RunLayout;
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
     * rule of likeliness, the model's errors, the transition matrix and the skipped windows.
     */
    public static void geoJson(ChangeComparison comparison, RasterGeometry grid, OutputStream out) throws IOException {
        ModelCard card = comparison.model();
        List<String> names = ChangeAttributes.names(card);
        Reprojection toLonLat = new Reprojection(grid.crs(), Crs.LON_LAT);
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
            json.writeObjectFieldStart("transitions");
            int[][] counts = comparison.transitions();
            for (int from = 0; from < counts.length; from++) {
                json.writeObjectFieldStart(card.classes().get(from).key());
                for (int to = 0; to < counts.length; to++) {
                    json.writeNumberField(card.classes().get(to).key(), counts[from][to]);
                }
                json.writeEndObject();
            }
            json.writeEndObject();
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

    /**
     * {@code change.tif}: one float32 band per class (named after it) of the change in points, one pixel per window
     * of the "before" grid, NaN where a window was not compared.
     */
    public static void geoTiff(ChangeComparison comparison, RunLayout before, Path target) throws IOException {
        AbundanceGrid grid = new AbundanceGrid(before);
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
