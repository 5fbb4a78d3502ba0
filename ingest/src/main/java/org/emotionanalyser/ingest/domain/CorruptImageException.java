package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** Bytes that carry an image signature but cannot be read as that image. */
public final class CorruptImageException extends EmotionAnalyserException {

    public CorruptImageException(String message, Throwable cause) {
        super("CorruptImage", message, cause);
    }

    public CorruptImageException(String message) {
        super("CorruptImage", message);
    }
}
