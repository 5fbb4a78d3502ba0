package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The image bytes are not a JPEG or PNG the analyser can decode; the code is Rekognition's error name. */
public final class InvalidImageException extends EmotionAnalyserException {

    public InvalidImageException(String message) {
        super("InvalidImageFormatException", message);
    }
}
