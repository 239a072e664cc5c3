package io.rgbunmix.spark;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rasters of a run, from what {@code --rasters} names: a folder (its GeoTIFF and JPEG 2000 files), a
 * glob ({@code /data/tiles/*.tif}), or a text file of paths, one per line ({@code #} starts a comment); a
 * line may name a scene's mask after '@' and several dates to composite, separated by ';'.
 * Each gets an id for the outputs: its file name without extension, made unique.
 */
final class RasterList {
    private RasterList() {
    }

    static Map<String, String> expand(String list) throws IOException {
        List<String> paths = new ArrayList<>();
        Path given = Path.of(list);
        if (Files.isDirectory(given)) {
            try (Stream<Path> files = Files.list(given)) {
                files.filter(RasterList::isRaster).sorted().forEach(p -> paths.add(p.toAbsolutePath().toString()));
            }
        } else if (list.contains("*") || list.contains("?") || list.contains("[")) {
            int cut = list.lastIndexOf('/', Math.min(index(list, '*'), Math.min(index(list, '?'), index(list, '['))));
            Path folder = Path.of(cut < 0 ? "." : list.substring(0, Math.max(cut, 1)));
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + list.substring(cut + 1));
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(Files::isRegularFile).filter(p -> matcher.matches(folder.relativize(p))).sorted()
                        .forEach(p -> paths.add(p.toAbsolutePath().toString()));
            }
        } else if (Files.isRegularFile(given)) {
            for (String line : Files.readAllLines(given)) {
                String path = line.strip();
                if (!path.isEmpty() && !path.startsWith("#")) {
                    paths.add(absolute(path));
                }
            }
        } else {
            throw new IOException(list + ": neither a folder, a glob nor a file listing rasters");
        }
        if (paths.isEmpty()) {
            throw new IOException(list + ": no raster");
        }
        Map<String, String> byId = new LinkedHashMap<>();
        for (String path : paths) {
            // a composite's entry (a.tif@a_scl.tif;b.tif...) is named by its first date
            String name = Path.of(path.split("[;@]", 2)[0].strip()).getFileName().toString();
            String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String id = base.replaceAll("[^A-Za-z0-9_.-]", "_");
            for (int n = 2; byId.containsKey(id); n++) {
                id = base + "-" + n;
            }
            byId.put(id, path);
        }
        return byId;
    }

    /**
     * An entry with each of its paths made absolute on the driver ('a.tif@a_mask.tif;b.tif'): relative to the
     * driver's working folder, never to an executor's.
     */
    static String absolute(String entry) {
        List<String> dates = new ArrayList<>();
        for (String date : entry.split(";")) {
            List<String> parts = new ArrayList<>();
            for (String part : date.split("@")) {
                parts.add(SparkJob.absolute(part.strip()));
            }
            dates.add(String.join("@", parts));
        }
        return String.join(";", dates);
    }

    private static int index(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static boolean isRaster(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".tif") || name.endsWith(".tiff") || name.endsWith(".jp2"));
    }
}
