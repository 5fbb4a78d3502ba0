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
        super("FunctionError", "function " + functionName + " failed: " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
        this.functionName = functionName;
        this.errorType = cause.getClass().getName();
        this.errorMessage = cause.getMessage();
    }

    private FunctionInvocationException(String functionName, String errorType, String errorMessage) {
        super("FunctionError", "function " + functionName + " failed: " + errorMessage);
        this.functionName = functionName;
        this.errorType = errorType;
        this.errorMessage = errorMessage;
    }

    /** The invocation ran past the function's {@code Timeout} and was stopped, as Lambda reports it. */
    static FunctionInvocationException timedOut(String functionName, int timeoutSeconds) {
        return new FunctionInvocationException(functionName, LocalFunction.TIMEOUT_ERROR_TYPE,
                String.format(java.util.Locale.ROOT, "Task timed out after %d.00 seconds", timeoutSeconds));
    }

    /** Whether the invocation was stopped at its timeout. */
    public boolean timedOut() {
        return LocalFunction.TIMEOUT_ERROR_TYPE.equals(errorType);
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
