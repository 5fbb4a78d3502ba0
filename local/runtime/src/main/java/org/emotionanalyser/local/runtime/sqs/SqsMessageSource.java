package org.emotionanalyser.local.runtime.sqs;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.util.List;

/**
 * The local SQS as the queue pollers of Lambda's event source mappings use it: receive a batch, delete what the
 * function handled. Queues are named, not addressed by URL, because the pollers live in the same process as the
 * queues.
 */
public interface SqsMessageSource {

    /**
     * Receives up to {@code maxMessages} messages, as ReceiveMessage does with every system attribute and every
     * message attribute asked for and the queue's own visibility timeout: waits up to {@code waitSeconds} for the
     * first one, and a message received too often moves to the queue's dead-letter queue instead.
     *
     * @param maxMessages 1 to 10
     * @param waitSeconds 0 (return at once) to 20
     * @return the messages, with their receipt handles, bodies' and attributes' MD5 digests and system attributes
     * @throws QueueDoesNotExistException when there is no such queue
     * @throws SqsException               when SQS would refuse the request (status 400, SQS's error code)
     */
    List<Message> receiveMessages(String queueName, int maxMessages, int waitSeconds);

    /**
     * Deletes a received message.
     *
     * @throws QueueDoesNotExistException when there is no such queue
     * @throws SqsException               {@code ReceiptHandleIsInvalid} when the handle is not one of the queue's
     */
    void deleteMessage(String queueName, String receiptHandle);
}
