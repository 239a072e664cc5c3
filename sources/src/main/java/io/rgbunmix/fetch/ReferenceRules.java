package io.rgbunmix.fetch;

import java.util.List;

/**
 * What may be fetched by URL: the server operator's section {@code references} of config/server.yaml, the
 * command line's {@code --allow-url}, or the Spark job's.
 *
 * @param allow          URL prefixes that may be fetched; empty: no URL is
 * @param maxBytes       largest download
 * @param timeoutSeconds longest download, from the connection to the last byte
 */
public record ReferenceRules(List<String> allow, long maxBytes, long timeoutSeconds) {
    public ReferenceRules {
        allow = List.copyOf(allow);
    }
}
