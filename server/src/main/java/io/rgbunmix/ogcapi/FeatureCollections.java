package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.jobs.JobStatus;
import io.rgbunmix.processes.Format;
import io.rgbunmix.processes.MimeTypes;
import io.rgbunmix.processes.Parameter;
import io.rgbunmix.processes.ProcessDescription;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished job's features as an OGC API - Features collection, so that QGIS's OAPIF provider and ArcGIS Pro's
 * OGC API - Features layer add them as a layer with no plugin: the collection is the job (its id is the job's), its
 * items the features of its first GeoJSON output (longitude/latitude, CRS84), paged, filtered by {@code bbox} and
 * by equality on its queryable attributes (the classes' percentages, the dominant class ...).
 */
final class FeatureCollections {
    static final String GEOJSON = "application/geo+json";
    private static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private FeatureCollections() {
    }

    /** The job's first result given as GeoJSON, the one its collection serves. */
    static Optional<String> featureResult(JobStatus job, ProcessDescription process) {
        return job.results().stream().filter(file -> file.endsWith(".geojson")).filter(file -> process
                .output(file.substring(0, file.indexOf('.'))).map(Parameter::type)
                .filter(type -> type instanceof Parameter.Complex complex
                        && MimeTypes.same(complex.defaultFormat().mimeType(), Format.GEOJSON.mimeType()))
                .isPresent()).findFirst();
    }

    /** The features of a job's GeoJSON result, read once for a request. */
    static JsonNode read(Path file) throws IOException {
        return ProcessJson.JSON.readTree(file.toFile()).path("features");
    }

    /** The collection of a job whose features are {@code features}. */
    static ObjectNode collection(JobStatus job, JsonNode features, String base) {
        String url = base + "/collections/" + job.id();
        ObjectNode collection = ProcessJson.JSON.createObjectNode().put("id", job.id())
                .put("title", job.process() + " of " + job.created())
                .put("description", features.size() + " windows: the results of job " + job.id() + " (" + job.process()
                        + "), one polygon per window")
                .put("itemType", "feature");
        collection.putArray("crs").add(CRS84);
        double[] box = bounds(features);
        if (box != null) {
            ObjectNode spatial = collection.putObject("extent").putObject("spatial");
            ArrayNode bbox = spatial.putArray("bbox").addArray();
            for (double value : box) {
                bbox.add(value);
            }
            spatial.put("crs", CRS84);
        }
        ArrayNode links = collection.putArray("links");
        links.add(ProcessJson.link(url, "self", "application/json", "this collection"));
        links.add(ProcessJson.htmlAlternate(url));
        links.add(ProcessJson.link(url + "/items", "items", GEOJSON, "the windows"));
        links.add(ProcessJson.link(url + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                "application/schema+json", "the attributes items can be filtered by"));
        links.add(ProcessJson.link(base + "/jobs/" + job.id(), "up", "application/json", "the job"));
        return collection;
    }

    /**
     * A page of the collection's items: those whose polygon meets {@code bbox} (null: all) and whose attributes
     * equal {@code equal}'s values, from {@code offset}, at most {@code limit}; the paging links keep the filters
     * ({@code query}, "" or {@code &name=value...}).
     */
    static ObjectNode items(JobStatus job, JsonNode features, String base, double[] bbox, Map<String, String> equal,
                            int limit, int offset, String query) {
        List<JsonNode> matched = new ArrayList<>();
        for (JsonNode feature : features) {
            if ((bbox == null || meets(bounds(List.of(feature)), bbox)) && equals(feature.path("properties"), equal)) {
                matched.add(feature);
            }
        }
        String url = base + "/collections/" + job.id() + "/items";
        ObjectNode page = ProcessJson.JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode list = page.putArray("features");
        matched.stream().skip(offset).limit(limit).forEach(list::add);
        page.put("numberMatched", matched.size()).put("numberReturned", list.size())
                .put("timeStamp", Instant.now().toString());
        ArrayNode links = page.putArray("links");
        links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + offset + query, "self", GEOJSON, "this page"));
        links.add(ProcessJson.htmlAlternate(url + "?limit=" + limit + "&offset=" + offset + query));
        if ((long) offset + limit < matched.size()) {
            links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + (offset + limit) + query, "next", GEOJSON,
                    "next page"));
        }
        if (offset > 0) {
            links.add(ProcessJson.link(url + "?limit=" + limit + "&offset=" + Math.max(0, offset - limit) + query, "prev",
                    GEOJSON, "previous page"));
        }
        links.add(ProcessJson.link(base + "/collections/" + job.id(), "collection", "application/json", "the collection"));
        return page;
    }

    /** The item whose id is {@code id}, if any. */
    static Optional<JsonNode> item(JsonNode features, String id) {
        for (JsonNode feature : features) {
            if (feature.path("id").asText().equals(id)) {
                return Optional.of(feature);
            }
        }
        return Optional.empty();
    }

    /** The attributes items can be filtered by: the first feature's simple ones, each with its JSON type. */
    static ObjectNode queryables(JobStatus job, JsonNode features, String base) {
        ObjectNode schema = ProcessJson.JSON.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", base + "/collections/" + job.id() + "/queryables").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        queryable(features).forEach((name, value) -> properties.putObject(name).put("type", value.isNumber() ? "number"
                : value.isBoolean() ? "boolean" : "string"));
        return schema;
    }

    /** The queryable names among {@code parameters}, with the value each must equal. */
    static Map<String, String> equalities(JsonNode features, Map<String, List<String>> parameters) {
        Map<String, JsonNode> names = queryable(features);
        Map<String, String> equal = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (names.containsKey(name) && !values.isEmpty()) {
                equal.put(name, values.get(0));
            }
        });
        return equal;
    }

    /** The first feature's attributes that hold a single value, by name. */
    private static Map<String, JsonNode> queryable(JsonNode features) {
        Map<String, JsonNode> names = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = features.path(0).path("properties").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                names.put(field.getKey(), field.getValue());
            }
        }
        return names;
    }

    private static boolean equals(JsonNode properties, Map<String, String> equal) {
        for (Map.Entry<String, String> wanted : equal.entrySet()) {
            JsonNode value = properties.path(wanted.getKey());
            boolean same = value.isNumber() ? numberEquals(value.asDouble(), wanted.getValue())
                    : value.asText().equals(wanted.getValue());
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static boolean numberEquals(double value, String text) {
        try {
            return value == Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** minx, miny, maxx, maxy of every coordinate of {@code features}' geometries; null for none. */
    private static double[] bounds(Iterable<JsonNode> features) {
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (JsonNode feature : features) {
            widen(box, feature.path("geometry").path("coordinates"));
        }
        return box[0] > box[2] ? null : box;
    }

    private static void widen(double[] box, JsonNode coordinates) {
        if (coordinates.isArray() && coordinates.size() >= 2 && coordinates.get(0).isNumber()) {
            double x = coordinates.get(0).asDouble();
            double y = coordinates.get(1).asDouble();
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
            return;
        }
        for (JsonNode child : coordinates) {
            widen(box, child);
        }
    }

    private static boolean meets(double[] box, double[] bbox) {
        return box != null && box[0] <= bbox[2] && box[2] >= bbox[0] && box[1] <= bbox[3] && box[3] >= bbox[1];
    }

    /** A {@code bbox} parameter: minx,miny,maxx,maxy in longitude/latitude. */
    static double[] bbox(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("bbox: minx,miny,maxx,maxy in longitude/latitude, not '" + text + "'");
        }
        double[] bbox = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                bbox[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bbox: four numbers, minx,miny,maxx,maxy, not '" + text + "'");
        }
        if (bbox[0] > bbox[2] || bbox[1] > bbox[3]) {
            throw new IllegalArgumentException("bbox: the minimum before the maximum, not '" + text + "'");
        }
        return bbox;
    }
}
