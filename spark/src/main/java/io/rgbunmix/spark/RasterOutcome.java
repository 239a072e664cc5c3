package io.rgbunmix.spark;

import java.util.Map;

/**
 * How one raster of the run ended, for the summary.
 *
 * @param status    "done", or "failed" when a task failed on every attempt Spark made
 * @param windows   windows of its grid (0 if it could not be read)
 * @param skipped   skipped windows by reason
 * @param error     why it failed, or null
 */
public record RasterOutcome(String rasterId, String path, String status, long windows, long processed,
                            Map<String, Long> skipped, String error) {
}
