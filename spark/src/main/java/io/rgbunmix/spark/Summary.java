package io.rgbunmix.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code summary.json}: the totals, and every raster with how it ended. */
public record Summary(int rasters, int failed, long windows, long processed, Map<String, Long> skipped,
                      List<RasterOutcome> outcomes) {
    static Summary of(List<RasterOutcome> outcomes) {
        Map<String, Long> skipped = new LinkedHashMap<>();
        outcomes.forEach(o -> o.skipped().forEach((reason, n) -> skipped.merge(reason, n, Long::sum)));
        return new Summary(outcomes.size(), (int) outcomes.stream().filter(o -> !o.status().equals("done")).count(),
                outcomes.stream().mapToLong(RasterOutcome::windows).sum(),
                outcomes.stream().mapToLong(RasterOutcome::processed).sum(), skipped, outcomes);
    }

    String describe() {
        StringBuilder text = new StringBuilder(processed + " of " + windows + " windows processed in " + rasters
                + " rasters");
        skipped.forEach((reason, n) -> text.append("; ").append(n).append(" skipped (").append(reason).append(")"));
        for (RasterOutcome outcome : outcomes) {
            if (!outcome.status().equals("done")) {
                text.append(System.lineSeparator()).append("FAILED ").append(outcome.path()).append(": ")
                        .append(outcome.error());
            }
        }
        return text.toString();
    }
}
