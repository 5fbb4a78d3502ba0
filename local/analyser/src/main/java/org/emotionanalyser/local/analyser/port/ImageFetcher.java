package org.emotionanalyser.local.analyser.port;

import java.util.Optional;

/**
 * Reads the image a request names by S3 location. Local mode passes one that reads its local S3 endpoint.
 */
public interface ImageFetcher {

    /**
     * The object's bytes, or empty when the object does not exist.
     *
     * @param version the object version, or null for the latest
     */
    Optional<byte[]> fetch(String bucket, String key, String version);
}
