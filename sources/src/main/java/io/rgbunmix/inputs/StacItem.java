package io.rgbunmix.inputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rgbunmix.ancillary.JsonErrors;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.raster.Rescale;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A STAC item's image assets (STAC 1.0 with the eo and raster extensions, and STAC 1.1 {@code bands}):
 * its {@code visual} asset, or the assets of its red, green and blue bands found by key, band name or
 * common name.
 */
record StacItem(String id, String date, Map<String, JsonNode> assets) {
    /** Keys of the scene classification asset, as Element 84's and Microsoft's catalogues name it. */
    private static final List<String> SCL_KEYS = List.of("scl", "SCL", "SCL_20m");
    /** Reflectance stretched onto 0..255 for 16-bit bands, as Sentinel-2's true-colour image does. */
    static final double WHITE_REFLECTANCE = 0.2;

    /** One asset to read as one band or as the RGB image. */
    record Asset(String key, String href, String type, Rescale rescale) {
    }

    static StacItem parse(byte[] json, String name) throws RasterException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new RasterException(name + ": not a STAC item: the JSON cannot be read ("
                    + (e instanceof JsonProcessingException j ? JsonErrors.describe(j) : "it is not JSON text") + ")");
        }
        if (root == null || !root.path("type").asText().equals("Feature") || !root.path("assets").isObject()) {
            throw new RasterException(name + ": not a STAC item (a JSON Feature with 'assets')"
                    + (root != null && root.path("type").asText().equals("FeatureCollection")
                    ? "; this is a collection or a search result: give one of its items" : ""));
        }
        return of(root, name);
    }

    /** An item already parsed, e.g. one of an ItemCollection's features. */
    static StacItem of(JsonNode root, String name) throws RasterException {
        if (!root.path("type").asText().equals("Feature") || !root.path("assets").isObject()) {
            throw new RasterException(name + ": not a STAC item (a JSON Feature with 'assets')");
        }
        Map<String, JsonNode> assets = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("assets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> asset = it.next();
            if (asset.getValue().path("href").isTextual()) {
                assets.put(asset.getKey(), asset.getValue());
            }
        }
        String datetime = root.path("properties").path("datetime").asText("");
        return new StacItem(root.path("id").asText("item"),
                datetime.matches("\\d{4}-\\d{2}-\\d{2}.*") ? datetime.substring(0, 10) : null, assets);
    }

    /** The scene classification asset (an L2A item's {@code scl}), if the item has one. */
    Optional<Asset> sceneClassification() {
        return SCL_KEYS.stream().filter(assets::containsKey).findFirst().map(key -> asset(key, assets.get(key)));
    }

    /**
     * The assets to read: with no band names, the {@code visual} asset (or, without one, red, green
     * and blue); with names, one asset per name.
     */
    List<Asset> choose(List<String> bandNames, String name) throws RasterException {
        if (bandNames.isEmpty()) {
            Optional<Map.Entry<String, JsonNode>> visual = assets.entrySet().stream()
                    .filter(a -> a.getKey().equals("visual") || roles(a.getValue()).contains("visual")).findFirst();
            if (visual.isPresent()) {
                return List.of(asset(visual.get().getKey(), visual.get().getValue()));
            }
            bandNames = List.of("red", "green", "blue");
        }
        List<Asset> chosen = new ArrayList<>();
        for (String band : bandNames) {
            Map.Entry<String, JsonNode> found = assets.entrySet().stream()
                    .filter(a -> names(a.getKey(), a.getValue()).contains(band.toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new RasterException(name + ": the STAC item " + id + " has no asset for band '"
                            + band + "' (its assets: " + String.join(", ", assets.keySet()) + ")"));
            chosen.add(asset(found.getKey(), found.getValue()));
        }
        return chosen;
    }

    private static Asset asset(String key, JsonNode asset) {
        return new Asset(key, asset.get("href").asText(), asset.path("type").asText(""), rescale(asset));
    }

    /** From raster:bands scale and offset (reflectance = DN x scale + offset), when declared. */
    private static Rescale rescale(JsonNode asset) {
        JsonNode band = asset.path("raster:bands").path(0);
        if (band.isMissingNode()) {
            band = asset.path("bands").path(0);
        }
        if (!band.path("scale").isNumber()) {
            return null;
        }
        double scale = band.get("scale").asDouble();
        double offset = band.path("offset").asDouble(0);
        if (!(scale > 0)) {
            return null;
        }
        return new Rescale((0 - offset) / scale, (WHITE_REFLECTANCE - offset) / scale);
    }

    private static List<String> roles(JsonNode asset) {
        List<String> roles = new ArrayList<>();
        asset.path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    /** What a band name may match: the key, and each band's name and common name (STAC 1.0 and 1.1). */
    private static List<String> names(String key, JsonNode asset) {
        List<String> names = new ArrayList<>(List.of(key.toLowerCase(Locale.ROOT)));
        for (String list : List.of("eo:bands", "bands")) {
            for (JsonNode band : asset.path(list)) {
                for (String field : List.of("name", "common_name", "eo:common_name")) {
                    if (band.path(field).isTextual()) {
                        names.add(band.get(field).asText().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return names;
    }
}
