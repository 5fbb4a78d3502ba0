package org.emotionanalyser.router.domain;

/** An event whose PutEvents entry would exceed EventBridge's 256 KB limit. */
public final class EventTooLargeException extends EmotionAnalyserException {

    public EventTooLargeException(String message) {
        super("EventTooLarge", message);
    }
}
