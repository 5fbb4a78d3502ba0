package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A declared or detected image type the pipeline does not accept. Maps to 415. */
public final class UnsupportedImageTypeException extends EmotionAnalyserException {

    public UnsupportedImageTypeException(String message) {
        super("UnsupportedMediaType", message);
    }
}
