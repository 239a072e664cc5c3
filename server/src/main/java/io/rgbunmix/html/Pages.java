package io.rgbunmix.html;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the templates under {@code templates/} (Pebble, HTML-escaped unless a value is marked raw).
 * Pages get the same JSON documents the API answers, as maps, so an HTML page never says something its
 * JSON alternate does not.
 */
public final class Pages {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where Leaflet's files lie in its WebJar, on the class path. */
    static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist/";
    /** The URL path the server serves Leaflet at. */
    public static final String LEAFLET_PATH = "/webjars/leaflet/1.9.4/dist/";

    private final PebbleEngine engine;

    public Pages() {
        ClasspathLoader loader = new ClasspathLoader(Pages.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.engine = new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(false).build();
    }

    public String render(String template, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            engine.getTemplate(template).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A JSON document as the maps and lists a template walks. */
    public static Object model(JsonNode json) {
        return JSON.convertValue(json, Object.class);
    }

    /**
     * JSON to put inside {@code <script type="application/json">}, marked raw in the template: every
     * {@code <}, {@code >} and {@code &} (which JSON allows only inside strings) is escaped, so no value
     * can close the element.
     */
    public static String scriptJson(JsonNode json) {
        try {
            return JSON.writeValueAsString(json).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A text file from the class path (Leaflet's and our own scripts and styles, to inline them). */
    static String resource(String path) {
        try (InputStream in = Pages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
