package io.rgbunmix.unmix;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/** How many windows the grid had, how many were processed and how many skipped, by reason. */
public record RunSummary(long windows, long processed, Map<SkipReason, Long> skipped) {
    public RunSummary {
        skipped = Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    static Map<SkipReason, Long> none() {
        return new EnumMap<>(SkipReason.class);
    }

    /** One line for people, e.g. "12 of 16 windows processed; 4 skipped: 3 nodata, 1 no ancillary". */
    public String describe() {
        String text = processed + " of " + windows + " windows processed";
        if (skippedTotal() == 0) {
            return text;
        }
        return text + "; " + skippedTotal() + " skipped: " + skipped.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " with " + e.getKey().description())
                .collect(Collectors.joining(", "));
    }
}
