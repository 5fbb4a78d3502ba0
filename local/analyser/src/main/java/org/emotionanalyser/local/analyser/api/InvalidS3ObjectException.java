package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The S3 object a request names does not exist or cannot be read. The code is Rekognition's error name. */
public final class InvalidS3ObjectException extends EmotionAnalyserException {

    public InvalidS3ObjectException(String message) {
        super("InvalidS3ObjectException", message);
    }
}
