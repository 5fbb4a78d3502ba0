package org.emotionanalyser.local.runtime.apigateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the API Gateway emulation received it.
 *
 * @param method   upper-case method
 * @param path     the path, percent-decoded
 * @param rawQuery the query string, still percent-encoded, or {@code null}
 * @param headers  header names (in their canonical {@code Content-Type} form) to values, in arrival order
 * @param body     the body bytes, empty for none
 * @param sourceIp the client address
 */
public record HttpCall(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                       String sourceIp) {

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }
}
