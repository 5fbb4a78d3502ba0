package org.emotionanalyser.local.runtime.edge;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP response for the edge to send back.
 *
 * @param status  HTTP status
 * @param headers response headers (Content-Length is set by the edge)
 * @param body    the body; empty for none
 */
public record EdgeResponse(int status, Map<String, String> headers, byte[] body) {

    /** A response whose body is UTF-8 text of the given content type. */
    public static EdgeResponse text(int status, String contentType, String body) {
        return new EdgeResponse(status, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }
}
