package org.emotionanalyser.router.domain;

/**
 * Base of every failure this project raises on purpose. Each subtype stands for one failure and carries a stable
 * {@link #code()} that API handlers map to an HTTP status in one place. Messages name the problem and the fix and
 * never contain secrets or image data.
 */
public abstract class EmotionAnalyserException extends RuntimeException {

    protected EmotionAnalyserException(String message) {
        super(message);
    }

    protected EmotionAnalyserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A stable machine-readable code, e.g. {@code InvalidTenantId}. */
    public abstract String code();
}
