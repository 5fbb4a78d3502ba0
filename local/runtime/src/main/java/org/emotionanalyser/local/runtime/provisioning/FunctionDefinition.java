package org.emotionanalyser.local.runtime.provisioning;

import java.util.Map;

/**
 * One {@code AWS::Lambda::Function} as local mode runs it.
 *
 * @param logicalId      template logical id, e.g. {@code ReaderFunction}
 * @param name           function name
 * @param arn            function ARN
 * @param handlerClass   fully qualified handler class (the part of {@code Handler} before {@code ::})
 * @param handlerMethod  handler method, {@code handleRequest} unless {@code Handler} names another
 * @param environment    resolved {@code Environment.Variables}
 * @param timeoutSeconds {@code Timeout}, 3 s when absent (as in Lambda)
 * @param reservedConcurrency {@code ReservedConcurrentExecutions}, or null when the template sets none
 */
public record FunctionDefinition(String logicalId, String name, String arn, String handlerClass,
                                 String handlerMethod, Map<String, String> environment, int timeoutSeconds,
                                 Integer reservedConcurrency) {

    /** A function without reserved concurrency. */
    public FunctionDefinition(String logicalId, String name, String arn, String handlerClass, String handlerMethod,
                              Map<String, String> environment, int timeoutSeconds) {
        this(logicalId, name, arn, handlerClass, handlerMethod, environment, timeoutSeconds, null);
    }
}
