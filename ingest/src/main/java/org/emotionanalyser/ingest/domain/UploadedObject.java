package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * One object-created notification: the bucket, the decoded key, and the ETag and version id the notification
 * carried (either may be null). Lambda's event serializer turns an absent {@code versionId} into {@code ""}; that
 * is normalised to null here, since S3 refuses a request with an empty version id.
 */
public record UploadedObject(String bucket, String key, String eTag, String versionId) {
    public UploadedObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        eTag = blankToNull(eTag);
        versionId = blankToNull(versionId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
