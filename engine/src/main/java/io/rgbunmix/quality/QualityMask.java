package io.rgbunmix.quality;

import io.rgbunmix.raster.MaskInfo;
import io.rgbunmix.raster.RasterSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A raster that says which pixels to leave out, and how to read it: by the classes of its first band
 * (a Sentinel-2 scene classification), or, with no classes, any nonzero value in any band (the L1C
 * cloud mask's opaque-cloud, cirrus and snow bands, or a user's 0/1 mask).
 *
 * @param source  the mask's pixels, on any grid and CRS
 * @param classes the values of band 1 that are masked; empty for "nonzero in any band"
 * @param info    where it comes from and what it masks, in words
 */
public record QualityMask(RasterSource source, Set<Integer> classes, MaskInfo info) {
    /**
     * The scene classification classes masked unless the user names others: no data (0), saturated or
     * defective (1), cloud shadows (3), cloud medium (8) and high (9) probability, thin cirrus (10) and
     * snow (11). Water (6) is not among them: it is land cover, and dark water is not a shadow.
     */
    public static final Set<Integer> SCL_DEFAULT = Set.of(0, 1, 3, 8, 9, 10, 11);

    /** What each class of the L2A scene classification is, in the order a skipped window's reason names them. */
    private static final List<Map.Entry<Integer, String>> SCL_WORDS = List.of(Map.entry(8, "clouds"),
            Map.entry(9, "clouds"), Map.entry(10, "cirrus"), Map.entry(3, "shadows"), Map.entry(11, "snow"),
            Map.entry(0, "no data"), Map.entry(1, "defective pixels"), Map.entry(2, "dark areas"),
            Map.entry(4, "vegetation"), Map.entry(5, "bare soil"), Map.entry(6, "water"), Map.entry(7, "unclassified"));

    public QualityMask {
        classes = Set.copyOf(classes);
    }

    /** An L2A product's scene classification layer, masking {@code classes}. */
    public static QualityMask sceneClassification(RasterSource scl, String product, Set<Integer> classes) {
        return new QualityMask(scl, classes, new MaskInfo("SCL of " + product + " (classes " + list(classes) + ")",
                sclWords(classes)));
    }

    /** An L1C product's MSK_CLASSI_B00 (baseline 04.00 and later): opaque clouds, cirrus and snow bands. */
    public static QualityMask cloudClassification(RasterSource mask, String product) {
        return new QualityMask(mask, Set.of(), new MaskInfo("MSK_CLASSI_B00 of " + product
                + " (opaque clouds, cirrus, snow)", "clouds, cirrus and snow"));
    }

    /** A mask the user gives: {@code classes} of its band 1, or any nonzero value when none. */
    public static QualityMask given(RasterSource mask, Set<Integer> classes) {
        return new QualityMask(mask, classes, new MaskInfo(mask.name() + (classes.isEmpty() ? " (nonzero pixels)"
                : " (classes " + list(classes) + ")"), "masked pixels"));
    }

    /** The bands of the mask to read: band 1 for classes, every band for "nonzero". */
    int[] bands() {
        int count = classes.isEmpty() ? source.bandCount() : 1;
        int[] bands = new int[count];
        Arrays.setAll(bands, i -> i);
        return bands;
    }

    /**
     * The classes as a table of the 256 values a class can be, true where masked; null for "nonzero in
     * any band". A lookup per pixel, where a set would box every sample of a tile.
     */
    boolean[] classTable() {
        if (classes.isEmpty()) {
            return null;
        }
        boolean[] table = new boolean[256];
        classes.forEach(c -> table[c] = true);
        return table;
    }

    /** Parses "3,8,9,10" into classes; refuses anything but integers 0..255. */
    public static Set<Integer> parseClasses(String text) {
        Set<Integer> classes = new TreeSet<>();
        for (String part : text.split(",")) {
            String value = part.trim();
            try {
                int number = Integer.parseInt(value);
                if (number < 0 || number > 255) {
                    throw new NumberFormatException();
                }
                classes.add(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("mask classes are integers 0..255 separated by commas, e.g. "
                        + "3,8,9,10; got '" + text + "'");
            }
        }
        return classes;
    }

    private static String list(Set<Integer> classes) {
        return new TreeSet<>(classes).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String sclWords(Set<Integer> classes) {
        List<String> words = new ArrayList<>();
        for (Map.Entry<Integer, String> entry : SCL_WORDS) {
            if (classes.contains(entry.getKey()) && !words.contains(entry.getValue())) {
                words.add(entry.getValue());
            }
        }
        classes.stream().filter(c -> c > 11).sorted().forEach(c -> words.add("class " + c));
        if (words.size() <= 1) {
            return words.isEmpty() ? "nothing" : words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
