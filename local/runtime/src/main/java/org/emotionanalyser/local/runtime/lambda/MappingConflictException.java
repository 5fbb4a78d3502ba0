package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The queue is already mapped to the function (Lambda's ResourceConflictException). */
public final class MappingConflictException extends EmotionAnalyserException {

    MappingConflictException(String message) {
        super("ResourceConflictException", message);
    }
}
