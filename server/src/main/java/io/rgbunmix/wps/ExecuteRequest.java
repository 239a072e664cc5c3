package io.rgbunmix.wps;

import io.rgbunmix.execution.GivenValue;
import java.util.List;
import java.util.Map;

/**
 * A WPS Execute request, however it came (KVP or XML).
 *
 * @param inputs  input name -> values in request order: literal text, inline complex content (decoded and
 *                written to a staging file), or references (a reference to this server's own endpoint
 *                carrying an Execute is run in-process: chaining)
 * @param outputs requested outputs (empty: all, in their default formats)
 * @param raw     true for RawDataOutput: answer with the one output's bytes
 * @param store   storeExecuteResponse: answer at once with a status location
 * @param status  status updates requested along with store
 * @param lineage echo the inputs and output definitions in the response
 */
record ExecuteRequest(String identifier, Map<String, List<GivenValue>> inputs, List<Output> outputs, boolean raw,
                      boolean store, boolean status, boolean lineage) {

    /** A requested output. */
    record Output(String identifier, String mimeType, boolean asReference) {
    }
}
