package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * Another invocation is processing the same object version right now (S3 delivered its notification twice). This
 * one fails, so Lambda retries it later, when the other has finished (the retry then skips the version) or given up
 * (the retry then processes it).
 */
public final class VersionInProgressException extends EmotionAnalyserException {

    public VersionInProgressException(String key) {
        super("VersionInProgress", "another invocation is processing this version of " + key
                + "; Lambda retries this one later");
    }
}
