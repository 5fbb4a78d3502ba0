package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * The image store failed in a way a later retry can fix (a 5xx, a timeout). The reader lets it propagate so that
 * Lambda retries the invocation; the upload API answers 503.
 */
public final class StoreUnavailableException extends EmotionAnalyserException {

    public StoreUnavailableException(String message, Throwable cause) {
        super("StoreUnavailable", message, cause);
    }
}
