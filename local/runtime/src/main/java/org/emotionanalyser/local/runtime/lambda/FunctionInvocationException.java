package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * A function invocation failed: the handler threw (a Lambda "function error") or its result could not be
 * serialised. {@link #errorType()} and {@link #errorMessage()} are what Lambda reports for the error.
 */
public final class FunctionInvocationException extends EmotionAnalyserException {

    private final String functionName;
    private final String errorType;
    private final String errorMessage;

    FunctionInvocationException(String functionName, Throwable cause) {
        super("function " + functionName + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
        this.functionName = functionName;
        this.errorType = cause.getClass().getName();
        this.errorMessage = cause.getMessage();
    }

    @Override
    public String code() {
        return "FunctionError";
    }

    public String functionName() {
        return functionName;
    }

    /** The class name of what the handler threw. */
    public String errorType() {
        return errorType;
    }

    /** The message of what the handler threw (API Gateway reads {@code Unauthorized} from an authorizer's). */
    public String errorMessage() {
        return errorMessage;
    }
}
