package io.rgbunmix.cli;

import io.rgbunmix.binding.AreaOfInterest;
import io.rgbunmix.inputs.StacSearch;
import io.rgbunmix.unmix.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The options of a STAC API search for scenes, shared by {@code run} and {@code change}: the API, the
 * collection and the most cloud. The period is the command's own (one for a run, one per side of a change).
 */
final class StacSearchOptions {
    @Option(names = "--stac-search", paramLabel = "URL", description = "A STAC API whose Item Search gives the dates "
            + "(over --area, with --collection and the period), besides or instead of the scenes named.")
    String url;

    @Option(names = "--collection", paramLabel = "ID", defaultValue = "sentinel-2-l2a",
            description = "The collection a STAC search looks in (default: ${DEFAULT-VALUE}).")
    String collection;

    @Option(names = "--max-cloud-cover", paramLabel = "PERCENT", defaultValue = "" + StacSearch.MAX_CLOUD_COVER,
            description = "The most cloud (eo:cloud_cover) a scene a STAC search finds may have (default: ${DEFAULT-VALUE}).")
    double maxCloudCover;

    boolean given() {
        return url != null;
    }

    /**
     * The search over {@code period} for {@code input}, or null when no API was given; it needs the area's
     * bounding box and the period, whose option is {@code periodOption}.
     */
    StacSearch over(AreaOfInterest area, String period, String input, String periodOption) throws InvalidInputException {
        if (url == null) {
            return null;
        }
        if (area == null || period == null) {
            throw new InvalidInputException(input, "--stac-search needs the run's --area (its bounding box) and a "
                    + "period (" + periodOption + "), e.g. 2024-05-01/2024-09-30");
        }
        return new StacSearch(url, collection, period, area.lonLatBounds(), maxCloudCover);
    }
}
