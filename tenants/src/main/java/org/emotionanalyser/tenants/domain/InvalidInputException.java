package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * Input the tenants domain refuses: a tenant's settings, a subscription, a time range or an export day that breaks
 * a rule. The message names the rule. The API answers 400 with code {@code InvalidRequest}.
 */
public final class InvalidInputException extends EmotionAnalyserException {

    public InvalidInputException(String message) {
        super("InvalidRequest", message);
    }
}
