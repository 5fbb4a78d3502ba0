package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * The analyser is throttling, failing with server errors or unreachable, and the retries this invocation can
 * afford did not get through. This says nothing about the image, so it is not a rejection: the reader fails the
 * invocation and Lambda's asynchronous retry (with its back-off) runs it again; after the last retry the event
 * goes to the reader's on-failure destination, whose handler records the image {@code REJECTED /
 * ANALYSIS_FAILED}.
 */
public final class AnalyzerUnavailableException extends EmotionAnalyserException {

    public AnalyzerUnavailableException(String message) {
        super("AnalyzerUnavailable", message);
    }
}
