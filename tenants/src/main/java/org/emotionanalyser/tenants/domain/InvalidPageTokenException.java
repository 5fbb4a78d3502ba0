package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * A page token that was not issued for this listing: malformed, tampered with, or issued for another tenant or
 * another listing. Maps to 400.
 */
public final class InvalidPageTokenException extends EmotionAnalyserException {

    public InvalidPageTokenException(String message) {
        super("InvalidPageToken", message);
    }
}
