package io.rgbunmix.html;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a process page's execute form, read from the process's OGC API description (its
 * inputs' JSON Schemas), so the form offers what the API accepts: a file or a URL for a complex
 * input, a list for an enum, a number box with the schema's bounds, a comma-separated list for an array, else a
 * text box (a bounding box's too, in its text form).
 */
public final class ExecuteForm {
    private ExecuteForm() {
    }

    /** One map per input: name, title, description, required, kind, takes, and the kind's details. */
    public static List<Map<String, Object>> fields(JsonNode description) {
        List<Map<String, Object>> fields = new ArrayList<>();
        description.path("inputs").fields().forEachRemaining(entry -> {
            JsonNode input = entry.getValue();
            JsonNode schema = input.path("schema");
            Map<String, Object> field = new LinkedHashMap<>();
            field.put("name", entry.getKey());
            field.put("title", input.path("title").asText(entry.getKey()));
            field.put("description", input.path("description").asText(""));
            field.put("required", input.path("minOccurs").asInt(0) > 0);
            List<String> formats = mediaTypes(schema);
            if (!formats.isEmpty()) {
                field.put("kind", "file");
                field.put("formats", String.join("|", formats));
                field.put("accept", String.join(",", formats.stream().map(ExecuteForm::accept).distinct().toList()));
                // several files of a repeatable input are its values in order: a composite's dates
                boolean several = input.path("maxOccurs").asInt(1) > 1;
                field.put("multiple", several);
                field.put("takes", (several ? "one or more files (several are dates, in order): " : "a file: ")
                        + String.join(", ", formats));
            } else if (schema.has("enum")) {
                List<String> options = new ArrayList<>();
                schema.get("enum").forEach(v -> options.add(v.asText()));
                field.put("kind", "enum");
                field.put("options", options);
                field.put("defaultValue", schema.path("default").asText(options.get(0)));
                field.put("takes", "one of " + String.join(", ", options));
            } else if (schema.path("type").asText().equals("integer") || schema.path("type").asText().equals("number")) {
                boolean integer = schema.path("type").asText().equals("integer");
                field.put("kind", "number");
                field.put("step", integer ? "1" : "any");
                field.put("minimum", schema.has("minimum") ? schema.get("minimum").asText() : null);
                field.put("maximum", schema.has("maximum") ? schema.get("maximum").asText() : null);
                field.put("defaultValue", schema.path("default").asText(""));
                field.put("takes", (integer ? "an integer" : "a number")
                        + (schema.has("minimum") ? " from " + schema.get("minimum").asText() : "")
                        + (schema.has("maximum") ? " to " + schema.get("maximum").asText() : ""));
            } else if (schema.path("type").asText().equals("array")) {
                // one JSON array: typed as a comma-separated list, sent as an array of its items' type
                String item = schema.path("items").path("type").asText("string");
                field.put("kind", item.equals("integer") || item.equals("number") ? "numbers" : "list");
                field.put("defaultValue", "");
                field.put("takes", "a list of " + (item.equals("integer") ? "integers" : item.equals("number")
                        ? "numbers" : "values") + ", separated by commas"
                        + (schema.has("maxItems") ? ", at most " + schema.get("maxItems").asText() : ""));
            } else if (schema.path("format").asText().equals("ogc-bbox")) {
                field.put("kind", "text");
                field.put("defaultValue", "minx,miny,maxx,maxy");
                field.put("takes", "a bounding box: minx,miny,maxx,maxy, and optionally a CRS (default "
                        + schema.path("properties").path("crs").path("default").asText("CRS84") + ")");
            } else {
                field.put("kind", "text");
                field.put("defaultValue", schema.path("default").asText(""));
                field.put("takes", "text");
            }
            fields.add(field);
        });
        return fields;
    }

    /** The outputs: name, title, description. */
    public static List<Map<String, Object>> outputs(JsonNode description) {
        List<Map<String, Object>> outputs = new ArrayList<>();
        description.path("outputs").fields().forEachRemaining(entry -> outputs.add(Map.of("name", entry.getKey(),
                "title", entry.getValue().path("title").asText(""),
                "description", entry.getValue().path("description").asText(""))));
        return outputs;
    }

    /** The media types a complex input's schema takes (contentMediaType, alone or in oneOf); none for a literal. */
    private static List<String> mediaTypes(JsonNode schema) {
        List<String> types = new ArrayList<>();
        if (schema.has("contentMediaType")) {
            types.add(schema.get("contentMediaType").asText());
        }
        schema.path("oneOf").forEach(alternative -> {
            if (alternative.has("contentMediaType")) {
                types.add(alternative.get("contentMediaType").asText());
            }
        });
        return types;
    }

    /** What a file chooser should offer for a media type. */
    private static String accept(String mediaType) {
        String type = mediaType.split(";")[0].trim();
        return switch (type) {
            case "image/tiff" -> ".tif,.tiff,image/tiff";
            case "image/jp2" -> ".jp2,image/jp2";
            case "application/zip" -> ".zip,application/zip";
            case "application/json", "application/geo+json" -> ".json,.geojson,application/json,application/geo+json";
            case "text/xml" -> ".xml,.gml,text/xml";
            case "text/csv" -> ".csv,text/csv";
            default -> type;
        };
    }
}
