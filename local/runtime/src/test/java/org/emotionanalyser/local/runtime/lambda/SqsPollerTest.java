package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.sqs.SqsMessageSource;
import org.emotionanalyser.local.runtime.testfunctions.FlakyConsumerHandler;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** One poller's handling of a batch against a queue that refuses one of its deletes. */
class SqsPollerTest {

    private static final String QUEUE = "emotion-analyser-local-tenant_acme";

    @Test
    void run_whenOneDeleteIsRefused_expectTheBatchsOtherHandledMessagesStillDeletedAndTheFailedOneKept()
            throws Exception {
        QueueRefusingOneDelete queue = new QueueRefusingOneDelete(List.of(
                message("m1", "stale-receipt", "first"),
                message("m2", "receipt-2", "poison"),
                message("m3", "receipt-3", "third")), "stale-receipt");
        LocalFunction function = LocalFunctionTest.load(FlakyConsumerHandler.class.getName(), Map.of());
        EventSourceMapping mapping = new EventSourceMapping("mapping-1",
                "arn:aws:sqs:us-east-1:000000000000:" + QUEUE, function.definition().arn(), 10, true,
                List.of("ReportBatchItemFailures"), 0L, 0);
        SqsPoller poller = new SqsPoller(mapping, function, queue, "us-east-1", new PollerScaling(), true);
        Thread polling = new Thread(poller, "sqs-poller-test");
        polling.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (queue.deleteAttempts.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            poller.stop();
            polling.join(5_000);
            function.close();
        }

        // the refused delete of the first message did not stop the third's; the message the function reported
        // failed was never deleted, so it returns after the visibility timeout
        assertThat(queue.deleteAttempts).containsExactly("stale-receipt", "receipt-3");
    }

    private static Message message(String id, String receipt, String body) {
        return Message.builder().messageId(id).receiptHandle(receipt).body(body).md5OfBody("unchecked").build();
    }

    /** Hands out one batch, then nothing; refuses the delete of one receipt handle as SQS refuses a stale one. */
    private static final class QueueRefusingOneDelete implements SqsMessageSource {
        private final List<Message> batch;
        private final String refusedReceipt;
        private final AtomicBoolean handedOut = new AtomicBoolean();
        final List<String> deleteAttempts = new CopyOnWriteArrayList<>();

        QueueRefusingOneDelete(List<Message> batch, String refusedReceipt) {
            this.batch = batch;
            this.refusedReceipt = refusedReceipt;
        }

        @Override
        public List<Message> receiveMessages(String queueName, int maxMessages, int waitSeconds) {
            assertThat(queueName).isEqualTo(QUEUE);
            if (handedOut.compareAndSet(false, true)) {
                return batch;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void deleteMessage(String queueName, String receiptHandle) {
            deleteAttempts.add(receiptHandle);
            if (receiptHandle.equals(refusedReceipt)) {
                throw SqsException.builder().statusCode(400).message("stale receipt handle")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ReceiptHandleIsInvalid").build())
                        .build();
            }
        }
    }
}
