package org.emotionanalyser.ingest.domain;

import java.util.Objects;

/**
 * What one read of the start of a stored object gives: its metadata and its first bytes. An object over the size
 * the reader accepts comes with no bytes, since its size is known before any of its body is read.
 *
 * @param metadata size, content type and entity tag
 * @param leading  the object's first bytes (all of it when it is short); empty for an empty or oversized object
 */
public record ObjectStart(ObjectMetadata metadata, byte[] leading) {

    public ObjectStart {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(leading, "leading");
    }
}
