package io.rgbunmix.wps;

import io.rgbunmix.execution.GivenValue;
import java.util.List;
import java.util.Map;

/**
 * A WPS 2.0 Execute request (XML only: WPS 2.0 binds Execute to POST).
 *
 * @param inputs  input name -> values in request order, as {@link ExecuteRequest}'s
 * @param outputs requested outputs (empty: all, by value)
 * @param mode    sync, async, or auto (the server's choice: sync, as an OGC API execution without a preference)
 * @param raw     response="raw": answer with the one output's bytes rather than a Result document
 */
record Execute2Request(String identifier, Map<String, List<GivenValue>> inputs, List<Output> outputs, Mode mode,
                       boolean raw) {

    /** wps:Execute's mode. */
    enum Mode { SYNC, ASYNC, AUTO }

    /** A requested output, by value or (transmission="reference") as a URL. */
    record Output(String identifier, String mimeType, boolean byReference) {
    }
}
