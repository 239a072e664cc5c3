package io.rgbunmix.output;

import java.awt.Color;
import java.util.List;
import java.util.Map;

/**
 * The colour each SIPNA class is drawn in, on every map (the quicklook, the web maps, the QGIS style):
 * CORINE-like conventions, red for artificial land, yellows and oranges for crops, greens for wild
 * vegetation, blue for water. A class key unknown here (another model's) takes a colour from a
 * qualitative palette by its position.
 */
public final class ClassColours {
    private static final Map<String, String> SIPNA = Map.ofEntries(
            Map.entry("artificial", "#e6004d"),
            Map.entry("agricultural_lands", "#ffd24d"),
            Map.entry("terrestrial_wildlands", "#2e8b3a"),
            Map.entry("wetlands_and_riverine_forests", "#3d8fd9"),
            Map.entry("annual_croplands", "#fff27a"),
            Map.entry("greenhouses", "#b09ee0"),
            Map.entry("woody_croplands", "#e69a2e"),
            Map.entry("combinations_of_croplands_and_natural_vegetation", "#d9c85a"),
            Map.entry("grasslands_and_grasslands_with_trees", "#c4e66b"),
            Map.entry("shrubland_and_shrublands_with_trees", "#7fae4a"),
            Map.entry("forests", "#1d6b2a"),
            Map.entry("barelands", "#d6bfa0"),
            Map.entry("wetlands", "#4da6ff"));
    private static final List<String> FALLBACK = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    private ClassColours() {
    }

    /** The colour of class {@code key}, the {@code index}-th of its model, as #rrggbb. */
    public static String hex(String key, int index) {
        return SIPNA.getOrDefault(key, FALLBACK.get(index % FALLBACK.size()));
    }

    public static Color of(String key, int index) {
        return Color.decode(hex(key, index));
    }
}
