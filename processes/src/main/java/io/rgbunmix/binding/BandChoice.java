package io.rgbunmix.binding;

import io.rgbunmix.unmix.UnmixOptions;
import java.util.Arrays;
import java.util.List;

/**
 * The red, green and blue bands as a user names them: three 1-based indexes of a file's bands
 * ("3,2,1"), or three names that choose a product's files or a STAC item's assets ("B04,B03,B02",
 * "red,green,blue"); named bands become bands 1, 2 and 3 of the opened raster.
 */
public record BandChoice(int[] indexes, List<String> names) {
    public static BandChoice parse(String text) {
        List<String> parts = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (parts.size() == 3 && parts.stream().noneMatch(p -> p.matches("\\d+"))) {
            if (parts.stream().anyMatch(p -> !p.matches("[A-Za-z][A-Za-z0-9_:-]*"))) {
                throw new IllegalArgumentException("band names must be words such as B04,B03,B02 or red,green,blue, got '"
                        + text + "'");
            }
            return new BandChoice(new int[] {1, 2, 3}, parts);
        }
        return new BandChoice(UnmixOptions.parseBands(text), List.of());
    }

    @Override
    public int[] indexes() {
        return indexes.clone();
    }
}
