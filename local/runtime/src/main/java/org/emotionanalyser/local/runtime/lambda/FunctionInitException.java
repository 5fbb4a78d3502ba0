package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A function's handler could not be loaded or constructed (Lambda's init error). */
public final class FunctionInitException extends EmotionAnalyserException {

    FunctionInitException(String functionName, String message, Throwable cause) {
        super("FunctionInitError", "function " + functionName + ": " + message, cause);
    }
}
