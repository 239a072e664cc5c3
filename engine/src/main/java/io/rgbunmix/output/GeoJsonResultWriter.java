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
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * A GeoJSON FeatureCollection (RFC 7946: WGS 84 longitude/latitude, counter-clockwise outer
 * rings), one feature per window, streamed. The run's summary goes in a foreign member
 * {@code "summary"} after the features.
 */
public final class GeoJsonResultWriter implements ResultWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputStream out;
    private JsonGenerator json;
    private ModelCard card;
    private List<String> names;
    private Reprojection toLonLat;

    public GeoJsonResultWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(RunLayout layout) throws IOException {
        card = layout.model();
        names = ResultAttributes.names(card);
        toLonLat = new Reprojection(layout.raster().crs(), Crs.LON_LAT);
        json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.writeStartObject();
        json.writeStringField("type", "FeatureCollection");
        json.writeArrayFieldStart("features");
    }

    @Override
    public void write(WindowResult result) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "Feature");
        json.writeNumberField("id", result.window().id());
        json.writeObjectFieldStart("geometry");
        json.writeStringField("type", "Polygon");
        json.writeArrayFieldStart("coordinates");
        json.writeStartArray();
        Coordinate[] ring = toLonLat.apply(result.footprint()).getExteriorRing().getCoordinates();
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
        json.writeObjectFieldStart("properties");
        List<Object> values = ResultAttributes.values(card, result);
        for (int i = 0; i < names.size(); i++) {
            json.writeFieldName(names.get(i));
            json.writeObject(values.get(i));
        }
        json.writeEndObject();
        json.writeEndObject();
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
        json.writeEndObject();
        json.writeEndObject();
        json.flush();
    }
}
