package org.emotionanalyser.router.domain;

/** An event whose PutEvents entry would exceed EventBridge's 256 KB limit. */
public final class EventTooLargeException extends EmotionAnalyserException {

    public EventTooLargeException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "EventTooLarge";
    }
}
