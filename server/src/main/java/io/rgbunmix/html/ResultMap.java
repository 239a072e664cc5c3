package io.rgbunmix.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.config.Settings;
import io.rgbunmix.output.LonLatQuicklook;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The data of a results map (static/rgbunmix/map.js reads it): the legend and picture bounds a run
 * wrote ({@code map.json} of {@link io.rgbunmix.output.WebMapWriter}), where the picture and the
 * window features are, and the optional tile layer.
 */
public final class ResultMap {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultMap() {
    }

    /** A job's map, its picture and features read from the server by URL. */
    public static String forJob(JsonNode legend, String quicklookUrl, String featuresUrl, Settings.WebMap tiles) {
        ObjectNode data = base(legend, tiles);
        data.put("quicklookUrl", quicklookUrl).put("featuresUrl", featuresUrl);
        return Pages.scriptJson(data);
    }

    /**
     * {@code abundances.html}, or {@code change.html} when the legend is a change's (with the change's panels):
     * one file that opens from disk with no server and no network, Leaflet, the picture and the features inlined.
     *
     * @param files the run's other outputs, linked by name (they lie beside the page)
     */
    public static String standalone(Pages pages, JsonNode legend, LonLatQuicklook quicklook, Path features,
                                    String title, String summary, List<String> files) throws IOException {
        ObjectNode data = base(legend, new Settings.WebMap("", ""));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(quicklook.image(), "png", png);
        data.put("quicklookUrl", "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray()));
        data.set("features", JSON.readTree(features.toFile()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("title", title);
        model.put("summary", summary);
        model.put("files", files);
        model.put("map", Pages.scriptJson(data));
        model.put("leafletCss", inlineable(Pages.resource(Pages.LEAFLET + "leaflet.css"), "style"));
        model.put("leafletJs", inlineable(Pages.resource(Pages.LEAFLET + "leaflet.js"), "script"));
        model.put("styleCss", inlineable(Pages.resource("static/rgbunmix/style.css"), "style"));
        model.put("mapJs", inlineable(Pages.resource("static/rgbunmix/map.js"), "script"));
        if (isChange(legend)) {
            model.put("changeJs", inlineable(Pages.resource("static/rgbunmix/change.js"), "script"));
        }
        return pages.render("standalone-map", model);
    }

    /** Whether a legend is a change's (its features have the windows' change, not abundances). */
    public static boolean isChange(JsonNode legend) {
        return legend.path("kind").asText().equals("change");
    }

    private static ObjectNode base(JsonNode legend, Settings.WebMap tiles) {
        ObjectNode data = JSON.createObjectNode();
        data.set("legend", legend);
        if (!tiles.tiles().isEmpty()) {
            data.putObject("tiles").put("url", tiles.tiles()).put("attribution", tiles.attribution());
        }
        return data;
    }

    /** Text to put inside a {@code <script>} or {@code <style>} element: it must not close it early. */
    private static String inlineable(String text, String element) {
        if (text.toLowerCase(java.util.Locale.ROOT).contains("</" + element)) {
            throw new IllegalStateException("cannot inline a text that holds </" + element);
        }
        return text;
    }
}
