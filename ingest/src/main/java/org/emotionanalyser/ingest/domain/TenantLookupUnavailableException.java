package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The tenant registry could not be read; the reader fails the invocation so Lambda retries it. */
public final class TenantLookupUnavailableException extends EmotionAnalyserException {

    public TenantLookupUnavailableException(String message, Throwable cause) {
        super("TenantLookupUnavailable", message, cause);
    }
}
