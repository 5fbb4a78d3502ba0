package org.emotionanalyser.local.runtime.edge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as it arrived at the edge.
 *
 * @param method   HTTP method, upper case
 * @param rawPath  the path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded, or {@code null}
 * @param headers  request headers; names in lower case
 * @param body     the whole body, de-chunked
 */
public record EdgeRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                          byte[] body) {

    /** The first value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
