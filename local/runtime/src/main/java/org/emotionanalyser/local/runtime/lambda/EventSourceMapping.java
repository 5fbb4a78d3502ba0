package org.emotionanalyser.local.runtime.lambda;

import java.util.List;

/**
 * One SQS event source mapping, as the local Lambda API stores it.
 *
 * @param uuid                    the mapping id
 * @param eventSourceArn          the queue ARN
 * @param functionArn             the function's ARN
 * @param batchSize               at most this many messages per invocation (1-10)
 * @param enabled                 whether the queue is being polled
 * @param functionResponseTypes   {@code ReportBatchItemFailures} or nothing
 * @param lastModifiedEpochSecond when it was last created or changed
 */
public record EventSourceMapping(String uuid, String eventSourceArn, String functionArn, int batchSize,
                                 boolean enabled, List<String> functionResponseTypes,
                                 long lastModifiedEpochSecond) {

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }
}
