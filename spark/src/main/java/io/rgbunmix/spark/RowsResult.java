package io.rgbunmix.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a task returns to the driver besides its GeoParquet part: each processed window's id and
 * abundances (for the raster's GeoTIFF) and the skipped windows counted by reason.
 */
public record RowsResult(WindowRows rows, List<Long> windowIds, List<float[]> abundances,
                         Map<String, Long> skipped) implements Serializable {
    public long processed() {
        return windowIds.size();
    }
}
