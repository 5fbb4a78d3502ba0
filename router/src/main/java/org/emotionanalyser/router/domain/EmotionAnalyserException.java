package org.emotionanalyser.router.domain;

/**
 * Base of every failure this project raises on purpose. Each subtype stands for one failure and carries a stable
 * {@link #code()}, given to the constructor, that API handlers map to an HTTP status in one place. Messages name
 * the problem and the fix and never contain secrets or image data.
 */
public abstract class EmotionAnalyserException extends RuntimeException {

    private final String code;

    /** @param code a stable machine-readable code, e.g. {@code InvalidTenantId} */
    protected EmotionAnalyserException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** @param code a stable machine-readable code, e.g. {@code InvalidTenantId} */
    protected EmotionAnalyserException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A stable machine-readable code, e.g. {@code InvalidTenantId}. */
    public final String code() {
        return code;
    }
}
