package org.emotionanalyser.local.runtime.lambda;

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

    /** The function name inside a function ARN ({@code arn:aws:lambda:r:a:function:NAME[:qualifier]}), or the input. */
    public static String functionName(String nameOrArn) {
        int at = nameOrArn.indexOf(":function:");
        if (at < 0) {
            return nameOrArn;
        }
        String rest = nameOrArn.substring(at + ":function:".length());
        int qualifier = rest.indexOf(':');
        return qualifier < 0 ? rest : rest.substring(0, qualifier);
    }
}
