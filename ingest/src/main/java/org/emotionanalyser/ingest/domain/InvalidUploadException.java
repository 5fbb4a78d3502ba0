package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * An upload request with a missing or unusable field (the name, the body). Maps to 400. A body that is not valid
 * base64 keeps the code {@code InvalidRequest} the API has always answered for it (see {@link #malformedBody}).
 */
public final class InvalidUploadException extends EmotionAnalyserException {

    public InvalidUploadException(String message) {
        this("InvalidUpload", message);
    }

    private InvalidUploadException(String code, String message) {
        super(code, message);
    }

    /** The request body cannot be decoded at all (e.g. broken base64): code {@code InvalidRequest}. */
    public static InvalidUploadException malformedBody(String message) {
        return new InvalidUploadException("InvalidRequest", message);
    }
}
