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

    /**
     * The object, unless it still has the entity tag {@code knownETag} or is over {@code maxBytes}. The reader calls
     * DetectLabels and then RecognizeCelebrities on one stored image; a store that can answer "not modified" without
     * sending the bytes (S3's {@code If-None-Match}) lets the second call reuse the image decoded for the first. A
     * store that declares an object's size before sending it (S3's {@code Content-Length}) lets an oversized object
     * be refused without reading it. This default reads the object every time, knows no entity tag (so nothing is
     * reused by location) and can only check the size of what it read.
     *
     * @param knownETag the entity tag of the content the caller holds, or null to read the object regardless
     * @param maxBytes  the largest object the caller accepts
     */
    default FetchedImage fetchIfChanged(String bucket, String key, String version, String knownETag, long maxBytes) {
        Optional<byte[]> bytes = fetch(bucket, key, version);
        if (bytes.isEmpty()) {
            return FetchedImage.MISSING;
        }
        return bytes.get().length > maxBytes ? new FetchedImage.TooLarge(bytes.get().length)
                : new FetchedImage.Found(bytes.get(), null);
    }
}
