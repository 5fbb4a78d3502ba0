package org.emotionanalyser.local.runtime.lambda;

/**
 * An {@code AWS::Lambda::EventSourceMapping} of the template (SQS sources only).
 *
 * @param eventSourceArn          the queue ARN
 * @param functionName            the function name, ARN or partial ARN as written
 * @param batchSize               messages per invocation
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 * @param enabled                 {@code Enabled}, true when absent
 * @param maximumBatchingWindowInSeconds {@code MaximumBatchingWindowInSeconds}, 0 when absent
 */
public record EventSourceMappingDefinition(String eventSourceArn, String functionName, int batchSize,
                                           boolean reportBatchItemFailures, boolean enabled,
                                           int maximumBatchingWindowInSeconds) {

    /** A mapping without a batching window. */
    public EventSourceMappingDefinition(String eventSourceArn, String functionName, int batchSize,
                                        boolean reportBatchItemFailures, boolean enabled) {
        this(eventSourceArn, functionName, batchSize, reportBatchItemFailures, enabled, 0);
    }
}
