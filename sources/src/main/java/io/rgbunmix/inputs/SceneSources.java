package io.rgbunmix.inputs;

import io.rgbunmix.files.RasterFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rgbunmix.raster.OpenedRaster;
import io.rgbunmix.raster.RasterException;
import io.rgbunmix.sentinel2.SafeProduct;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What one raster input may name besides one scene: several dates of one place, to be composited. A STAC
 * ItemCollection (a saved search result: one date per item), the answer of a STAC API search, and, on the
 * user's own machine, a folder of scenes or a list file (.txt or .list, one path or URL per line, relative
 * to the list's folder, # for comments). Every scene is opened
 * by {@link RasterInputs}, under its rules; if one fails, those opened are closed.
 */
public final class SceneSources {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** File names a folder's scenes may have: what {@link RasterInputs} reads. */
    private static final String SCENE_FILE = "(?i).*\\.(tif|tiff|jp2|zip|json|geojson)";

    private final RasterInputs inputs;
    private final int maxDates;

    /** The most scenes one input may name where nothing else is asked (the command line's and Spark's default). */
    public static final int MAX_DATES = 24;

    /** @param maxDates the most scenes one input may name (the server's limits.maxDates) */
    public SceneSources(RasterInputs inputs, int maxDates) {
        this.inputs = inputs;
        this.maxDates = maxDates;
    }

    /** The scenes a location (a path or an http(s) URL) names: one, or each of a folder, list or ItemCollection. */
    public List<OpenedRaster> open(String location, String name, List<String> bandNames) throws RasterException {
        if (RasterInputs.isUrl(location)) {
            if (location.toLowerCase(Locale.ROOT).matches(".*\\.(json|geojson)([?#].*)?")) {
                byte[] json = inputs.download(location.trim(), null, name);
                return fromJson(json, URI.create(location.trim()), name, bandNames, () -> List.of(
                        inputs.open(location, name, bandNames)));
            }
            return List.of(inputs.open(location, name, bandNames));
        }
        Path path = Path.of(location);
        if (inputs.readsLocalFiles() && Files.isDirectory(path) && !SafeProduct.isProduct(path)) {
            return folder(path, name, bandNames);
        }
        if (inputs.readsLocalFiles() && Files.isRegularFile(path) && isListFile(path)) {
            return listFile(path, name, bandNames);
        }
        return open(new RasterFile(path, null), name, bandNames);
    }

    /** The scenes a file names: one, or each item of a STAC ItemCollection. */
    public List<OpenedRaster> open(RasterFile file, String name, List<String> bandNames) throws RasterException {
        Path path = file.path();
        if (Files.isRegularFile(path) && RasterFiles.sniff(path, name) == RasterFiles.Kind.STAC_ITEM) {
            byte[] json = read(path, name);
            return fromJson(json, path.toAbsolutePath().toUri(), name, bandNames,
                    () -> List.of(inputs.open(file, name, bandNames)));
        }
        return List.of(inputs.open(file, name, bandNames));
    }

    /**
     * The scenes a STAC API finds (Item Search, POST {url}/search): the collection, the period, the run's
     * area and at most {@code maxCloudCover} percent of cloud (eo:cloud_cover, as a CQL2 filter).
     */
    public List<OpenedRaster> search(StacSearch search, String name, List<String> bandNames) throws RasterException {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(search.collection());
        body.put("datetime", search.datetime());
        ArrayNode bbox = body.putArray("bbox");
        for (double value : search.bbox()) {
            bbox.add(value);
        }
        body.put("limit", maxDates + 1);
        if (search.maxCloudCover() != null) {
            ObjectNode filter = body.putObject("filter");
            filter.put("op", "<=");
            filter.putArray("args").add(JSON.createObjectNode().put("property", "eo:cloud_cover"))
                    .add(search.maxCloudCover());
            body.put("filter-lang", "cql2-json");
        }
        String url = search.url().replaceAll("/+$", "") + "/search";
        byte[] answer;
        try {
            answer = inputs.download(url, JSON.writeValueAsBytes(body), name);
        } catch (IOException e) {
            throw new RasterException(name + ": " + e.getMessage(), e);
        }
        List<OpenedRaster> scenes = fromJson(answer, URI.create(url), name, bandNames, null);
        if (scenes.isEmpty()) {
            throw new RasterException(name + ": the STAC search at " + url + " found no scene of " + search.collection()
                    + " in " + search.datetime() + " over the area" + (search.maxCloudCover() == null ? ""
                    : " with at most " + search.maxCloudCover() + " % cloud"));
        }
        return scenes;
    }

    /**
     * Something that opens scenes when the JSON is a single item rather than a collection; null where only
     * a collection will do (a search's answer, which may also be empty).
     */
    private interface Single {
        List<OpenedRaster> open() throws RasterException;
    }

    private List<OpenedRaster> fromJson(byte[] json, URI base, String name, List<String> bandNames, Single single)
            throws RasterException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.path("type").asText().equals("FeatureCollection")) {
            if (single == null) {
                throw new RasterException(name + ": the STAC search did not answer with an ItemCollection");
            }
            return single.open();
        }
        JsonNode features = root.path("features");
        if (features.isEmpty() && single != null) {
            throw new RasterException(name + ": a STAC ItemCollection with no item in it: no scene to read");
        }
        if (features.size() > maxDates) {
            throw new RasterException(name + ": " + (features.size() > maxDates + 1 ? features.size() : "more than "
                    + maxDates) + " scenes; this server composites at most " + maxDates + " dates (limits.maxDates): "
                    + "narrow the period or the cloud cover");
        }
        List<OpenedRaster> scenes = new ArrayList<>();
        try {
            for (JsonNode feature : features) {
                String itemName = name + " item " + (scenes.size() + 1);
                scenes.add(inputs.item(StacItem.of(feature, itemName), base, itemName, bandNames));
            }
            return scenes;
        } catch (RasterException | RuntimeException e) {
            closeAll(scenes);
            throw e;
        }
    }

    private List<OpenedRaster> folder(Path folder, String name, List<String> bandNames) throws RasterException {
        List<String> scenes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> SafeProduct.isProduct(f) || (Files.isRegularFile(f)
                    && f.getFileName().toString().matches(SCENE_FILE))).map(Path::toString).sorted().forEach(scenes::add);
        } catch (IOException e) {
            throw new RasterException(name + ": the folder cannot be read: " + e.getMessage(), e);
        }
        if (scenes.isEmpty()) {
            throw new RasterException(name + ": a folder with no scene in it (GeoTIFF, JPEG 2000, SAFE product or STAC "
                    + "item), and not a Sentinel-2 SAFE product itself");
        }
        return each(scenes, bandNames);
    }

    private List<OpenedRaster> listFile(Path file, String name, List<String> bandNames) throws RasterException {
        List<String> scenes = new ArrayList<>();
        for (String line : new String(read(file, name), StandardCharsets.UTF_8).split("\\R")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                scenes.add(RasterInputs.isUrl(entry) ? entry : file.toAbsolutePath().getParent().resolve(entry).toString());
            }
        }
        if (scenes.isEmpty()) {
            throw new RasterException(name + ": a list file with no scene in it (one path or URL per line)");
        }
        return each(scenes, bandNames);
    }

    private List<OpenedRaster> each(List<String> locations, List<String> bandNames) throws RasterException {
        if (locations.size() > maxDates) {
            throw new RasterException("raster: " + locations.size() + " scenes; at most " + maxDates + " dates are "
                    + "composited (limits.maxDates)");
        }
        List<OpenedRaster> scenes = new ArrayList<>();
        try {
            for (String location : locations) {
                String shown = RasterInputs.isUrl(location) ? location : String.valueOf(Path.of(location).getFileName());
                scenes.addAll(open(location, shown, bandNames));
            }
            return scenes;
        } catch (RasterException | RuntimeException e) {
            closeAll(scenes);
            throw e;
        }
    }

    /**
     * A text file of paths or URLs: named .txt or .list, its first bytes printable and neither JSON nor a
     * known image (a damaged image named .tif stays an image, and is told so).
     */
    private static boolean isListFile(Path file) throws RasterException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(txt|list)")
                || RasterFiles.sniff(file, file.getFileName().toString()) != RasterFiles.Kind.OTHER) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(256);
            for (byte b : head) {
                if (b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                    return false;
                }
            }
            return head.length > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] read(Path file, String name) throws RasterException {
        try {
            if (Files.size(file) > 64L * 1024 * 1024) {
                throw new RasterException(name + ": a JSON file larger than an ItemCollection of scenes can be");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RasterException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Opens one item of a list: the rasters it names. */
    public interface Opener<T> {
        List<OpenedRaster> open(T item, int index) throws Exception;
    }

    /** The rasters each of {@code items} names, in order; if one fails, those already opened are closed. */
    public static <T> List<OpenedRaster> openAll(List<T> items, Opener<T> opener) throws Exception {
        List<OpenedRaster> opened = new ArrayList<>();
        try {
            for (int i = 0; i < items.size(); i++) {
                opened.addAll(opener.open(items.get(i), i));
            }
            return opened;
        } catch (Exception e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Closes scenes already opened when a later one fails. */
    public static void closeAll(List<OpenedRaster> scenes) {
        for (OpenedRaster scene : scenes) {
            try {
                scene.close();
            } catch (Exception ignored) {
                // already failing: the first error is the one to report
            }
        }
    }
}
