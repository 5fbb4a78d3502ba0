package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A mapping request local mode cannot honour (Lambda's InvalidParameterValueException). */
public final class InvalidMappingException extends EmotionAnalyserException {

    InvalidMappingException(String message) {
        super("InvalidParameterValueException", message);
    }
}
