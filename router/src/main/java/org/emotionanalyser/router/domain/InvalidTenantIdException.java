package org.emotionanalyser.router.domain;

/** A tenant id that does not match {@code [a-z0-9-]{3,40}}. */
public final class InvalidTenantIdException extends EmotionAnalyserException {

    public InvalidTenantIdException(String message) {
        super("InvalidTenantId", message);
    }
}
