package org.emotionanalyser.router.domain;

/**
 * An event the reader publishes for one uploaded image: {@link ImageAnalyzed} or {@link ImageRejected}.
 * Both carry the tenant and image they are about, which is all the router needs.
 */
public sealed interface AnalysisEvent permits ImageAnalyzed, ImageRejected {

    /** The contract version; readers reject versions they do not know. */
    int SCHEMA_VERSION = 1;

    String tenantId();

    String imageId();

    StoredObject object();

    /** The EventBridge detail-type of this event. */
    String detailType();
}
