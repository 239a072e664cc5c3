package io.rgbunmix.ancillary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.geo.Crs;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * Reads ancillary features from GeoJSON: a FeatureCollection or a single Feature.
 * Coordinates are longitude/latitude on WGS 84 (RFC 7946) unless the document carries the
 * older (2008) {@code crs} member naming another CRS, which is honoured.
 */
public final class GeoJsonFeatures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJsonFeatures() {
    }

    public static FeatureCollection read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("ancillary GeoJSON is not valid JSON: " + JsonErrors.describe(e), e);
        } catch (java.io.CharConversionException e) {
            throw new IllegalArgumentException("ancillary GeoJSON is not text in UTF-8, UTF-16 or UTF-32", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("ancillary GeoJSON must be a FeatureCollection or a Feature");
        }
        String type = root.path("type").asText();
        List<JsonNode> nodes = new ArrayList<>();
        if ("FeatureCollection".equals(type)) {
            root.path("features").forEach(nodes::add);
        } else if ("Feature".equals(type)) {
            nodes.add(root);
        } else {
            throw new IllegalArgumentException("ancillary GeoJSON must be a FeatureCollection or a Feature, got type '"
                    + type + "'");
        }
        GeoJsonReader geometries = new GeoJsonReader();
        List<AncillaryFeature> features = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String id = node.hasNonNull("id") ? node.get("id").asText() : "#" + (i + 1);
            String source = "feature " + id;
            if (!node.path("geometry").isObject()) {
                throw new IllegalArgumentException(source + ": no geometry");
            }
            Geometry geometry;
            try {
                geometry = geometries.read(node.get("geometry").toString());
            } catch (ParseException e) {
                throw new IllegalArgumentException(source + ": invalid geometry: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // JTS's reader fails with a cast or a null pointer on a member of the wrong JSON type
                throw new IllegalArgumentException(source + ": invalid geometry: its 'type' or 'coordinates' are not "
                        + "as GeoJSON defines them", e);
            }
            Map<String, Object> properties = JSON.convertValue(node.path("properties").isObject()
                    ? node.get("properties") : JSON.createObjectNode(), Map.class);
            features.add(new AncillaryFeature(id, geometry, AncillaryValues.fromAttributes(properties, source)));
        }
        return new FeatureCollection(features, crsOf(root));
    }

    private static CoordinateReferenceSystem crsOf(JsonNode root) {
        JsonNode name = root.path("crs").path("properties").path("name");
        return name.isTextual() ? Crs.forCode(name.asText()) : Crs.LON_LAT;
    }
}
