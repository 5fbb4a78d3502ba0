package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** An upload request with a missing or unusable field (the name, the body). Maps to 400. */
public final class InvalidUploadException extends EmotionAnalyserException {

    public InvalidUploadException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "InvalidUpload";
    }
}
