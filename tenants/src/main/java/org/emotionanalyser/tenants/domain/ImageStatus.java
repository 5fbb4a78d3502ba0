package org.emotionanalyser.tenants.domain;

/** The outcome recorded for an image: analysed, or rejected with a reason. */
public enum ImageStatus {
    ANALYZED, REJECTED
}
