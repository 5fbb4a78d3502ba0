package org.emotionanalyser.lambdasupport.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A request whose parameters or body are malformed. Maps to 400. */
public final class InvalidRequestException extends EmotionAnalyserException {

    public InvalidRequestException(String message) {
        super("InvalidRequest", message);
    }
}
