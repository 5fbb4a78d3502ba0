package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * An upload the API accepted: the image id the pipeline will use, the object key, where the result will be
 * readable, and - for presigned uploads - how to send the image.
 *
 * @param presigned {@code null} for images stored by the API itself
 */
public record AcceptedUpload(String imageId, String key, String location, PresignedUpload presigned) {
    public AcceptedUpload {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(location, "location");
    }
}
