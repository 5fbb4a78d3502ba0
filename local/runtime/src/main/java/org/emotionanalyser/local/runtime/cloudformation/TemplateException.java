package org.emotionanalyser.local.runtime.cloudformation;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * The template cannot be read or run locally: a syntax error, an unresolvable reference, a resource type local
 * mode does not know. The message names the template element and what to change.
 */
public final class TemplateException extends EmotionAnalyserException {

    public TemplateException(String message) {
        super("InvalidTemplate", message);
    }

    public TemplateException(String message, Throwable cause) {
        super("InvalidTemplate", message, cause);
    }
}
