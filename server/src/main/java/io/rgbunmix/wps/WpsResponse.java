package io.rgbunmix.wps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** What the HTTP layer sends back: a status, a content type, and bytes or a file, plus headers. */
public record WpsResponse(int status, String contentType, byte[] body, Path file, Map<String, String> headers) {
    static WpsResponse xml(int status, byte[] body) {
        return new WpsResponse(status, "text/xml; charset=UTF-8", body, null, Map.of());
    }

    /** How a WPS version words a refusal: its exception report. */
    interface Report {
        byte[] of(String code, String locator, String text) throws IOException;
    }

    /**
     * A refusal as the version's exception report, with its HTTP status, Retry-After when the server is busy and
     * WWW-Authenticate when a token is missing.
     */
    static WpsResponse refusal(WpsException e, Report report) {
        try {
            byte[] body = report.of(e.code(), e.locator(), e.getMessage());
            Map<String, String> headers = e.code().equals("ServerBusy") ? Map.of("Retry-After", "10")
                    : e.httpStatus() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
            return new WpsResponse(e.httpStatus(), "text/xml; charset=UTF-8", body, null, headers);
        } catch (IOException impossible) {
            return new WpsResponse(500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8), null, Map.of());
        }
    }
}
