package org.emotionanalyser.router.domain;

/** Events that the bus still refused after every retry. */
public final class EventPublishException extends EmotionAnalyserException {

    public EventPublishException(String message, Throwable cause) {
        super("EventPublishFailed", message, cause);
    }

    public EventPublishException(String message) {
        super("EventPublishFailed", message);
    }
}
