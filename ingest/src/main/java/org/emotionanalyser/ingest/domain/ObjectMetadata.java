package org.emotionanalyser.ingest.domain;

/** What the store says about an object without reading it. {@code contentType} and {@code eTag} may be null. */
public record ObjectMetadata(long size, String contentType, String eTag) {
}
