package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The request body is not the JSON the operation expects. The code is Rekognition's error name. */
public final class SerializationException extends EmotionAnalyserException {

    public SerializationException(String message) {
        super("SerializationException", message);
    }
}
