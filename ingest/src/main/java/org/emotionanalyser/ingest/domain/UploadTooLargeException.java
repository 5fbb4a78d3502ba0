package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** An image too large to send through the API directly. Maps to 413. */
public final class UploadTooLargeException extends EmotionAnalyserException {

    public UploadTooLargeException(String message) {
        super("PayloadTooLarge", message);
    }
}
