package org.emotionanalyser.local.runtime.lambda;

/**
 * An {@code AWS::Lambda::EventSourceMapping} of the template (SQS sources only).
 *
 * @param eventSourceArn          the queue ARN
 * @param functionName            the function name, ARN or partial ARN as written
 * @param batchSize               messages per invocation
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} contains {@code ReportBatchItemFailures}
 * @param enabled                 {@code Enabled}, true when absent
 */
public record EventSourceMappingDefinition(String eventSourceArn, String functionName, int batchSize,
                                           boolean reportBatchItemFailures, boolean enabled) {
}
