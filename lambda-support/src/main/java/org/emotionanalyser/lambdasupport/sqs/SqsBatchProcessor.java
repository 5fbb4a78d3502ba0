package org.emotionanalyser.lambdasupport.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.lambdasupport.logging.StructuredLog;
import org.emotionanalyser.router.domain.EmotionAnalyserException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs an SQS batch one message at a time and reports the messages that failed as batch item failures, so only
 * they are redelivered (the event source mapping must enable {@code ReportBatchItemFailures}) and, after the
 * queue's maxReceiveCount, dead-lettered; the others are deleted. The shape of Powertools'
 * {@code SqsBatchMessageHandler}, kept to what the functions here need.
 *
 * <p>A message's failure is any {@link RuntimeException} its handler throws; it is logged with the project's error
 * code (or the exception's class) and its stack trace, so a failure is never silent. An {@link Error} is not
 * caught: it fails the whole invocation and Lambda redelivers the batch.
 */
public final class SqsBatchProcessor {

    private final StructuredLog log;

    private SqsBatchProcessor(StructuredLog log) {
        this.log = log;
    }

    /**
     * A processor that writes to the log of the function's handler class.
     *
     * @param handlerType the handler; its name is the logger's
     */
    public static SqsBatchProcessor forHandler(Class<?> handlerType) {
        return new SqsBatchProcessor(StructuredLog.of(Objects.requireNonNull(handlerType, "handlerType")));
    }

    /**
     * Handles each message of the batch.
     *
     * @param event   the batch; {@code null} or without records is an empty batch
     * @param handler handles one message and returns what became of it (logged; {@code null} logs nothing more)
     * @return the failed messages, for Lambda to redeliver
     */
    public SQSBatchResponse process(SQSEvent event, Function<SQSEvent.SQSMessage, ?> handler) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event == null || event.getRecords() == null ? List.of()
                : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            try {
                Object outcome = handler.apply(message);
                log.info("message handled").with("messageId", message.getMessageId()).with("outcome", outcome).write();
            } catch (RuntimeException failure) {
                String code = failure instanceof EmotionAnalyserException known ? known.code()
                        : failure.getClass().getName();
                log.error("message failed; it is redelivered, then dead-lettered after the queue's maxReceiveCount")
                        .with("messageId", message.getMessageId()).with("code", code)
                        .with("detail", failure.getMessage()).cause(failure).write();
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
