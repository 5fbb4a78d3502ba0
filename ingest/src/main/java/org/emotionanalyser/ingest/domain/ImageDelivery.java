package org.emotionanalyser.ingest.domain;

/** How images that the analyser can read as they are reach it. */
public enum ImageDelivery {
    /** As a bucket/key reference: nothing is downloaded (the analyser and the store are both in AWS). */
    STORED_OBJECT,
    /**
     * As bytes: used when the analyser cannot reach the store, e.g. local mode's local store with real
     * Rekognition, or the local analyser.
     */
    BYTES
}
