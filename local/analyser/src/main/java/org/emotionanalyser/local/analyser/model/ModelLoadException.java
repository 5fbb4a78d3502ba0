package org.emotionanalyser.local.analyser.model;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A face model could not be read, converted or loaded; the analyser cannot start without it. */
public final class ModelLoadException extends EmotionAnalyserException {

    public ModelLoadException(String message) {
        super("ModelLoadFailed", message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super("ModelLoadFailed", message, cause);
    }
}
