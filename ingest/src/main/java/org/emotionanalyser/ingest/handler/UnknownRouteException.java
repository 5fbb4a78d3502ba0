package org.emotionanalyser.ingest.handler;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A method and resource this function does not serve (the API sent a route meant for another function). */
public final class UnknownRouteException extends EmotionAnalyserException {

    public UnknownRouteException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "NotFound";
    }
}
