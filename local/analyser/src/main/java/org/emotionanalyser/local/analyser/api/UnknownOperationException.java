package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The X-Amz-Target names an operation this endpoint does not implement. The code is Rekognition's error name. */
public final class UnknownOperationException extends EmotionAnalyserException {

    public UnknownOperationException(String message) {
        super("UnknownOperationException", message);
    }
}
