package org.emotionanalyser.router.domain;

import java.util.Objects;

/**
 * The S3 object an event is about. {@code key} is always the decoded key, never the URL-encoded form S3
 * events carry.
 */
public record StoredObject(String bucket, String key, long size, String etag, String contentType) {
    public StoredObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }
}
