package io.rgbunmix.spark;

import java.io.Serializable;

/**
 * What every task of a run needs, sent to the executors with it.
 *
 * @param models           the models folder, on storage every executor sees
 * @param level            N1 or N2
 * @param stride           pixels between windows
 * @param ancillaryValues  'name=value,...' for every window, or null
 * @param ancillaryGeoJson the ancillary features' GeoJSON text, or null
 * @param batchSize        windows per inference batch
 * @param threads          inferring threads per executor JVM (0: one per core)
 * @param rowsPerTask      window rows per task: a raster of more rows is split into several tasks
 * @param maskClasses      the classes the scenes' masks reject ('3,8,9,10'), 'none', or null for nonzero
 * @param maxMaskedFraction windows with more masked area are skipped
 */
public record RunSettings(String models, String level, int stride, String ancillaryValues, String ancillaryGeoJson,
                          int batchSize, int threads, int rowsPerTask, String maskClasses, double maxMaskedFraction)
        implements Serializable {
}
