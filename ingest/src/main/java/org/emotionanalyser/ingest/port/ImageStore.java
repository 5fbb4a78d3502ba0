package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.ObjectStart;

import java.util.Map;
import java.util.Optional;

/**
 * The object store holding uploads. Reads name an optional version id (null means the latest version).
 * Failures a retry can fix throw {@link org.emotionanalyser.ingest.domain.StoreUnavailableException}; reads of an
 * object that has disappeared throw {@link org.emotionanalyser.ingest.domain.ObjectMissingException}.
 */
public interface ImageStore {

    /**
     * The object's size, type and entity tag and, unless it is over {@code maxBytes}, up to {@code length} bytes from
     * its start: one read. An object over {@code maxBytes} comes back with its metadata and no bytes, its body unread.
     * Empty when there is no such object.
     */
    Optional<ObjectStart> readStart(String bucket, String key, String versionId, int length, long maxBytes);

    /** The whole object. */
    byte[] readAll(String bucket, String key, String versionId);

    /**
     * Removes the object (that version, when a version id is given, so nothing of it is kept); nothing happens
     * when it is already gone.
     */
    void delete(String bucket, String key, String versionId);

    /** Stores an object with user metadata (names without the {@code x-amz-meta-} prefix). */
    void put(String bucket, String key, byte[] bytes, String contentType, Map<String, String> metadata);
}
