package org.emotionanalyser.local.runtime.lambda;

import java.util.List;

/**
 * One SQS event source mapping, as the local Lambda API stores it.
 *
 * @param uuid                    the mapping id
 * @param eventSourceArn          the queue ARN
 * @param functionArn             the function's ARN
 * @param batchSize               at most this many messages per invocation (1-10, up to 10,000 with a window)
 * @param enabled                 whether the queue is being polled
 * @param functionResponseTypes   {@code ReportBatchItemFailures} or nothing
 * @param lastModifiedEpochSecond when it was last created or changed
 * @param maximumBatchingWindowInSeconds how long a poller gathers messages for one batch (0: invoke with what one
 *                                receive returned)
 */
public record EventSourceMapping(String uuid, String eventSourceArn, String functionArn, int batchSize,
                                 boolean enabled, List<String> functionResponseTypes,
                                 long lastModifiedEpochSecond, int maximumBatchingWindowInSeconds) {

    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains("ReportBatchItemFailures");
    }
}
