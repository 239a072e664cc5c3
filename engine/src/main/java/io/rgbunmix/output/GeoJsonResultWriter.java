package io.rgbunmix.output;

import java.util.Locale;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rgbunmix.geo.Crs;
import io.rgbunmix.geo.Reprojection;
import io.rgbunmix.model.ModelCard;
import io.rgbunmix.unmix.ResultWriter;
import io.rgbunmix.unmix.RunLayout;
import io.rgbunmix.unmix.RunSummary;
import io.rgbunmix.unmix.SkipReason;
import io.rgbunmix.unmix.WindowResult;
import io.rgbunmix.windows.Window;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * A GeoJSON FeatureCollection (RFC 7946: WGS 84 longitude/latitude, counter-clockwise outer
 * rings), one feature per window, streamed. The run's summary goes in a foreign member
 * {@code "summary"} after the features: the model, the counts, the quality mask and the dates of a
 * composite, and the skipped windows with the reason of each (the first {@value #SKIPPED_LISTED}).
 */
public final class GeoJsonResultWriter implements ResultWriter {
    private static final JsonFactory JSON = new JsonFactory();
    /** Skipped windows listed with their reasons; beyond, the summary counts them only. */
    static final int SKIPPED_LISTED = 10_000;

    private final OutputStream out;
    private JsonGenerator json;
    private ModelCard card;
    private RunLayout layout;
    private ResultAttributes attributes;
    private List<String> names;
    private Reprojection toLonLat;
    private final List<Skipped> skippedWindows = new ArrayList<>();

    private record Skipped(Window window, SkipReason reason, String detail) {
    }

    public GeoJsonResultWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(RunLayout layout) throws IOException {
        this.layout = layout;
        card = layout.model();
        attributes = ResultAttributes.of(layout);
        names = ResultAttributes.names(card);
        toLonLat = new Reprojection(layout.raster().crs(), Crs.LON_LAT);
        json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
        json.writeArrayFieldStart("features");
    }

    @Override
    public void write(WindowResult result) throws IOException {
        writeFeature(json, result.window().id(), toLonLat.apply(result.footprint()), names,
                attributes.values(result));
    }

    /** One window as a GeoJSON feature: its id, its footprint in longitude/latitude and its attributes. */
    public static void writeFeature(JsonGenerator json, long id, Polygon lonLat, List<String> names, List<Object> values)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeNumberField("id", id);
        writeGeometry(json, lonLat);
        json.writeObjectFieldStart("properties");
        for (int i = 0; i < names.size(); i++) {
            json.writeFieldName(names.get(i));
            json.writeObject(values.get(i));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    /** A footprint in longitude/latitude as a GeoJSON "geometry" member, its ring counter-clockwise (RFC 7946). */
    private static void writeGeometry(JsonGenerator json, Polygon lonLat) throws IOException {
        json.writeObjectFieldStart("geometry");
        json.writeStringField("type", "Polygon");
        json.writeArrayFieldStart("coordinates");
        json.writeStartArray();
        Coordinate[] ring = lonLat.getExteriorRing().getCoordinates();
        if (!Orientation.isCCW(ring)) {
            ring = ring.clone();
            Collections.reverse(Arrays.asList(ring));
        }
        for (Coordinate c : ring) {
            json.writeArray(new double[] {c.x, c.y}, 0, 2);
        }
        json.writeEndArray();
        json.writeEndArray();
        json.writeEndObject();
    }

    @Override
    public void skipped(Window window, SkipReason reason, String detail) {
        if (skippedWindows.size() < SKIPPED_LISTED) {
            skippedWindows.add(new Skipped(window, reason, detail));
        }
    }

    @Override
    public void finish(RunSummary summary) throws IOException {
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        json.writeStringField("model", card.id());
        json.writeStringField("level", card.level().name());
        json.writeNumberField("windows", summary.windows());
        json.writeNumberField("processed", summary.processed());
        json.writeObjectFieldStart("skipped");
        for (SkipReason reason : SkipReason.values()) {
            json.writeNumberField(reason.name().toLowerCase(Locale.ROOT), summary.skipped(reason));
        }
        json.writeEndObject();
        json.writeStringField("mask", layout.maskSource());
        json.writeArrayFieldStart("dates");
        for (String date : layout.dates()) {
            json.writeString(date);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("skippedWindows");
        for (Skipped skipped : skippedWindows) {
            Window window = skipped.window();
            json.writeStartObject();
            json.writeNumberField("window_id", window.id());
            json.writeNumberField("row", window.row());
            json.writeNumberField("col", window.col());
            json.writeStringField("reason", skipped.reason().name().toLowerCase(Locale.ROOT));
            json.writeStringField("detail", skipped.detail());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }
}
