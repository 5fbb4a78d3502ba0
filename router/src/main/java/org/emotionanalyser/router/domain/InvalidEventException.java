package org.emotionanalyser.router.domain;

/** An event body that is not a valid version-1 contract event. */
public final class InvalidEventException extends EmotionAnalyserException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "InvalidEvent";
    }
}
