package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The bucket refused to store or delete a tenant's objects. Nothing is half-done that a retry cannot finish. */
public final class StorageFailedException extends EmotionAnalyserException {

    public StorageFailedException(String message, Throwable cause) {
        super("StorageFailed", message, cause);
    }
}
