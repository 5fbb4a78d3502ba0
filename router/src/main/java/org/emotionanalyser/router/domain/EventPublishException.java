package org.emotionanalyser.router.domain;

/** Events that the bus still refused after every retry. */
public final class EventPublishException extends EmotionAnalyserException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventPublishException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "EventPublishFailed";
    }
}
