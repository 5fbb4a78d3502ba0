package org.emotionanalyser.ingest.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A URL a client can PUT one image to, the HTTP method and the headers it must send exactly as given (they are
 * part of the signature), and when the URL stops working.
 */
public record PresignedUpload(String url, String method, Map<String, String> headers, Instant expiresAt) {
    public PresignedUpload {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
