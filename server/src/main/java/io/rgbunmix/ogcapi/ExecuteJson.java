package io.rgbunmix.ogcapi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import io.rgbunmix.ancillary.JsonErrors;
import io.rgbunmix.processes.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OGC API - Processes execute request, read as a stream: long string values (a base64 GeoTIFF) and
 * object values (GeoJSON) go straight to staging files, so memory does not grow with their size.
 * Inputs are literals ({@code "stride": 112}), qualified values
 * ({@code {"value": ..., "mediaType": ..., "encoding": "base64"}}), links ({@code {"href": ..., "type": ...}})
 * or bare JSON objects (taken as GeoJSON); arrays give several values.
 */
final class ExecuteJson {
    /**
     * Strings as long as a body may be: the body is already within the server's size limit, and a
     * base64 GeoTIFF is one string (Jackson's default stops at 20 M characters, a 15 MB file).
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build();

    /** One value as sent. */
    sealed interface Value permits Literal, Inline, Link, Collection {
    }

    /**
     * A STAC API collection to search (OGC API - Processes Part 3, collection input), over the execution's area and
     * {@code datetime} (null when not given).
     */
    record Collection(String href, String datetime) implements Value {
    }

    record Literal(String text) implements Value {
    }

    /** Content already decoded into a staging file. */
    record Inline(String mediaType, Path file) implements Value {
    }

    record Link(String href, String type) implements Value {
    }

    /** A requested output: its media type (or null) and whether it is wanted by value. */
    record Output(String mediaType, boolean byValue) {
    }

    /**
     * @param response   "raw" or "document" as asked, or null
     * @param subscriber where the job's news is to be POSTed (the callback class), or null
     */
    record Request(Map<String, List<Value>> inputs, Map<String, Output> outputs, String response, Subscriber subscriber) {
    }

    /** The addresses of a {@code subscriber}, each null when not given. */
    record Subscriber(String successUri, String inProgressUri, String failedUri) {
    }

    /** A subscriber's address, or null when it names none; anything but text is refused. */
    private static String uri(JsonNode subscriber, String name) throws InputException {
        JsonNode uri = subscriber.get(name);
        if (uri == null || uri.isNull()) {
            return null;
        }
        if (!uri.isTextual()) {
            throw invalid("subscriber", "'" + name + "' must be a URL");
        }
        return uri.asText();
    }

    private ExecuteJson() {
    }

    static Request read(Path body, Path folder) throws IOException, InputException {
        Map<String, List<Value>> inputs = new LinkedHashMap<>();
        Map<String, Output> outputs = new LinkedHashMap<>();
        String response = null;
        Subscriber subscriber = null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(body)); JsonParser json = FACTORY.createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(null, "the execute request must be a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "inputs" -> {
                        expect(token, JsonToken.START_OBJECT, "inputs");
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.getCurrentName();
                            List<Value> values = new ArrayList<>();
                            if (json.nextToken() == JsonToken.START_ARRAY) {
                                while (json.nextToken() != JsonToken.END_ARRAY) {
                                    values.add(value(json, name, folder));
                                }
                            } else {
                                values.add(value(json, name, folder));
                            }
                            inputs.put(name, values);
                        }
                    }
                    case "outputs" -> {
                        expect(token, JsonToken.START_OBJECT, "outputs");
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.getCurrentName();
                            json.nextToken();
                            JsonNode node = ProcessJson.JSON.readTree(json);
                            outputs.put(name, new Output(node.path("format").path("mediaType").isTextual()
                                    ? node.path("format").path("mediaType").asText() : null,
                                    !"reference".equals(node.path("transmissionMode").asText("value"))));
                        }
                    }
                    case "response" -> response = json.getValueAsString();
                    case "subscriber" -> {
                        expect(token, JsonToken.START_OBJECT, "subscriber");
                        JsonNode node = ProcessJson.JSON.readTree(json);
                        subscriber = new Subscriber(uri(node, "successUri"), uri(node, "inProgressUri"),
                                uri(node, "failedUri"));
                        if (subscriber.successUri() == null && subscriber.inProgressUri() == null
                                && subscriber.failedUri() == null) {
                            throw invalid("subscriber", "a subscriber names successUri, inProgressUri and/or failedUri");
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw invalid(null, "the execute request is not valid JSON: " + JsonErrors.describe(e));
        } catch (java.io.CharConversionException e) {
            // Jackson's encoding detection took the bytes for UTF-32 and found them broken
            throw invalid(null, "the execute request is not JSON text in UTF-8, UTF-16 or UTF-32");
        }
        if (response != null && !response.equals("raw") && !response.equals("document")) {
            throw invalid("response", "'response' must be 'raw' or 'document', got '" + response + "'");
        }
        return new Request(inputs, outputs, response, subscriber);
    }

    /**
     * The copy of an object given bare, begun with the members read as a collection input's before it showed
     * itself bare (null: none).
     */
    private static JsonGenerator bare(OutputStream out, String collection, String datetime) throws IOException {
        JsonGenerator copy = FACTORY.createGenerator(out);
        copy.writeStartObject();
        if (collection != null) {
            copy.writeStringField("collection", collection);
        }
        if (datetime != null) {
            copy.writeStringField("datetime", datetime);
        }
        return copy;
    }

    private static Value value(JsonParser json, String name, Path folder) throws IOException, InputException {
        JsonToken token = json.currentToken();
        if (token.isScalarValue()) {
            return new Literal(json.getValueAsString());
        }
        if (token != JsonToken.START_OBJECT) {
            throw invalid(name, "input '" + name + "' must be a value, an object or an array of them");
        }
        // a qualified value, a link, or a bare JSON object: read field by field, streaming "value"
        Path file = Files.createTempFile(folder, "input-", ".dat");
        String mediaType = null;
        String encoding = null;
        String href = null;
        String collection = null;
        String datetime = null;
        boolean hasValue = false;
        boolean bareObject = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            JsonGenerator copy = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.getCurrentName();
                JsonToken next = json.nextToken();
                if (!bareObject && field.equals("value")) {
                    hasValue = true;
                    if (next == JsonToken.VALUE_STRING) {
                        // flushed, not closed: members after "value" must not find the file closed
                        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                        json.getText(writer);
                        writer.flush();
                    } else if (next.isScalarValue()) {
                        String text = json.getValueAsString();
                        skipRest(json);
                        Files.deleteIfExists(file);
                        return new Literal(text);
                    } else {
                        JsonGenerator generator = FACTORY.createGenerator(out);
                        generator.copyCurrentStructure(json);
                        generator.flush();
                    }
                } else if (!bareObject && (field.equals("mediaType") || field.equals("type"))) {
                    if (field.equals("type") && href == null && !hasValue && next == JsonToken.VALUE_STRING
                            && !json.getText().contains("/")) {
                        bareObject = true; // e.g. "type": "FeatureCollection": a GeoJSON object given bare
                        copy = bare(out, collection, datetime);
                        copy.writeStringField("type", json.getText());
                    } else {
                        mediaType = json.getText();
                    }
                } else if (!bareObject && field.equals("encoding")) {
                    encoding = json.getText();
                } else if (!bareObject && field.equals("href")) {
                    href = json.getText();
                } else if (!bareObject && copy == null && !hasValue && href == null
                        && (field.equals("collection") || field.equals("datetime")) && next == JsonToken.VALUE_STRING) {
                    // a collection input's, unless the object turns out bare (written back into it below)
                    if (field.equals("collection")) {
                        collection = json.getText();
                    } else {
                        datetime = json.getText();
                    }
                } else if (copy == null && (hasValue || href != null || mediaType != null || encoding != null)) {
                    json.skipChildren();   // another member of a qualified value or link (e.g. "schema")
                } else {
                    if (copy == null) {
                        bareObject = true;
                        copy = bare(out, collection, datetime);
                    }
                    copy.writeFieldName(field);
                    copy.copyCurrentStructure(json);
                }
            }
            if (copy != null) {
                copy.writeEndObject();
                copy.flush();
            }
        }
        if (bareObject) {
            return new Inline("application/json", file);
        }
        if (collection != null) {
            Files.deleteIfExists(file);
            return new Collection(collection, datetime);
        }
        if (href != null) {
            Files.deleteIfExists(file);
            return new Link(href, mediaType);
        }
        if (!hasValue) {
            throw invalid(name, "input '" + name + "' has neither 'value' nor 'href'");
        }
        boolean base64 = "base64".equalsIgnoreCase(encoding) || (mediaType != null && !mediaType.startsWith("text/")
                && !mediaType.contains("json") && !mediaType.contains("xml"));
        if (base64) {
            Path decoded = Files.createTempFile(folder, "input-", ".bin");
            try (InputStream in = Base64.getMimeDecoder().wrap(new BufferedInputStream(Files.newInputStream(file)));
                 OutputStream out = Files.newOutputStream(decoded)) {
                in.transferTo(out);
            } catch (IllegalArgumentException | IOException e) {
                throw invalid(name, "input '" + name + "' is not valid base64");
            } finally {
                Files.deleteIfExists(file);
            }
            file = decoded;
        }
        return new Inline(mediaType, file);
    }

    private static void skipRest(JsonParser json) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            json.nextToken();
            json.skipChildren();
        }
    }

    private static void expect(JsonToken token, JsonToken expected, String field) throws InputException {
        if (token != expected) {
            throw invalid(field, "'" + field + "' must be a JSON object");
        }
    }

    private static InputException invalid(String locator, String message) {
        return new InputException(InputException.INVALID, locator, message);
    }
}
