package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The object was deleted between its notification and its analysis. */
public final class ObjectMissingException extends EmotionAnalyserException {

    public ObjectMissingException(String message) {
        super("ObjectMissing", message);
    }
}
