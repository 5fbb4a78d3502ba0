package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** An image whose pixel count is too large to decode safely, however small the file. */
public final class OversizedImageException extends EmotionAnalyserException {

    public OversizedImageException(String message) {
        super("ImageTooLarge", message);
    }
}
