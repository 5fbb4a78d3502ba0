package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A request parameter is missing, malformed or out of range. The code is Rekognition's error name. */
public final class InvalidParameterException extends EmotionAnalyserException {

    public InvalidParameterException(String message) {
        super("InvalidParameterException", message);
    }
}
