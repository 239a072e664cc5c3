package io.rgbunmix.wps;

import java.nio.file.Path;
import java.util.Map;

/** What the HTTP layer sends back: a status, a content type, and bytes or a file, plus headers. */
public record WpsResponse(int status, String contentType, byte[] body, Path file, Map<String, String> headers) {
    static WpsResponse xml(int status, byte[] body) {
        return new WpsResponse(status, "text/xml; charset=UTF-8", body, null, Map.of());
    }
}
