package io.rgbunmix.wps;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A WPS Execute request, however it came (KVP or XML).
 *
 * @param inputs  input name -> values in request order
 * @param outputs requested outputs (empty: all, in their default formats)
 * @param raw     true for RawDataOutput: answer with the one output's bytes
 * @param store   storeExecuteResponse: answer at once with a status location
 * @param status  status updates requested along with store
 * @param lineage echo the inputs and output definitions in the response
 */
record ExecuteRequest(String identifier, Map<String, List<Input>> inputs, List<Output> outputs, boolean raw,
                      boolean store, boolean status, boolean lineage) {

    /** An input value as sent: literal text, inline complex content, or a reference. */
    sealed interface Input permits Literal, Inline, Reference {
    }

    record Literal(String text) implements Input {
    }

    /** Inline complex content, already decoded (base64) and written to a staging file. */
    record Inline(String mimeType, Path file) implements Input {
    }

    /**
     * A reference: GET {@code href}, or POST {@code body} (inline) or the content of {@code bodyReference}.
     * A reference to this server's own endpoint carrying an Execute is run in-process (chaining).
     */
    record Reference(String href, String mimeType, String method, String body, String bodyReference) implements Input {
    }

    /** A requested output. */
    record Output(String identifier, String mimeType, boolean asReference) {
    }
}
