package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The image is not a JPEG or PNG that can be decoded. The code is Rekognition's error name. */
public final class InvalidImageFormatException extends EmotionAnalyserException {

    public InvalidImageFormatException(String message) {
        super("InvalidImageFormatException", message);
    }
}
