package org.emotionanalyser.router.domain;

/** Why an image was not analysed. A rejected image is recorded once and never retried. */
public enum RejectionReason {
    UNSUPPORTED_FORMAT, TOO_LARGE, TOO_SMALL, CORRUPT, EMPTY, ANALYSIS_FAILED
}
