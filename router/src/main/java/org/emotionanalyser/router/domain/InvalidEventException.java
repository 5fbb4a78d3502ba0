package org.emotionanalyser.router.domain;

/** An event body that is not a valid version-1 contract event. */
public final class InvalidEventException extends EmotionAnalyserException {

    public InvalidEventException(String message, Throwable cause) {
        super("InvalidEvent", message, cause);
    }

    public InvalidEventException(String message) {
        super("InvalidEvent", message);
    }
}
