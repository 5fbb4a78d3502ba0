package org.emotionanalyser.local.runtime.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} of one local invocation: names, request id, the time left before the function's timeout,
 * and a logger that writes to the runtime's log under the function's name.
 *
 * @param deadlineMillis when the function's timeout ends, epoch milliseconds
 */
record LocalLambdaContext(String functionName, String functionArn, String requestId, long deadlineMillis,
                          LambdaLogger logger) implements Context {

    /** The context of an invocation that starts now and may run for {@code timeoutSeconds}. */
    LocalLambdaContext(String functionName, String functionArn, String requestId, int timeoutSeconds) {
        this(functionName, functionArn, requestId, System.currentTimeMillis() + timeoutSeconds * 1000L,
                new Slf4jLambdaLogger(LoggerFactory.getLogger("lambda." + functionName), requestId));
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return functionArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return (int) (Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    private record Slf4jLambdaLogger(Logger log, String requestId) implements LambdaLogger {
        @Override
        public void log(String message) {
            log.info("[{}] {}", requestId, message.stripTrailing());
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
