package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * One object-created notification: the bucket, the decoded key, and the ETag and version id the notification
 * carried (either may be null).
 */
public record UploadedObject(String bucket, String key, String eTag, String versionId) {
    public UploadedObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }
}
