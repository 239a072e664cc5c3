package io.rgbunmix.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * What Jetty answers itself, before any route (an ambiguous or malformed URI, such as an encoded
 * slash in a job id): an RFC 7807 problem in JSON, like every other error of the server, instead
 * of Jetty's HTML page.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws java.io.IOException {
        baseRequest.setHandled(true);
        response.setStatus(code);
        response.setContentType(PROBLEM);
        response.getOutputStream().write(problem(code, message));
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM);
        return ByteBuffer.wrap(problem(status, reason));
    }

    private static byte[] problem(int status, String message) {
        String title = HttpStatus.getMessage(status);
        if (status == HttpStatus.BAD_REQUEST_400 && (message == null || message.equals(title))) {
            // Jetty says no more than "Bad Request" when it refuses an ambiguous URI
            message = "the request is malformed and was refused before it reached the API: an encoded '/' or '..' "
                    + "in the path, or an invalid header";
        }
        try {
            return JSON.writeValueAsBytes(JSON.createObjectNode().put("type", "about:blank").put("title", title)
                    .put("status", status).put("detail", message == null || message.isBlank() ? title : message));
        } catch (JsonProcessingException impossible) {
            return new byte[0];
        }
    }
}
