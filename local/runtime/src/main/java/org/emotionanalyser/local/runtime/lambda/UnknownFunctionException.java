package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

import java.util.Set;

/** A function name or ARN that is not a function of the local stack. */
public final class UnknownFunctionException extends EmotionAnalyserException {

    UnknownFunctionException(String nameOrArn, Set<String> known) {
        super("ResourceNotFoundException", "no function " + nameOrArn + " in the local stack; its functions are "
                + known);
    }
}
