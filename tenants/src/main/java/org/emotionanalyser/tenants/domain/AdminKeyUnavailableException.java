package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The admin API key could not be read from where the stack keeps it; the authorizer cannot start without it. */
public final class AdminKeyUnavailableException extends EmotionAnalyserException {

    public AdminKeyUnavailableException(String message, Throwable cause) {
        super("AdminKeyUnavailable", message, cause);
    }
}
