package org.emotionanalyser.tenants.port;

/**
 * An alarm per tenant dead-letter queue, created with the queue and removed with it, so a message that lands in
 * any tenant's DLQ is noticed (silent loss is the failure mode of per-message error reporting).
 */
public interface DeadLetterAlarms {

    /** No alarms: where there is nothing to alarm with (local mode has no CloudWatch). */
    DeadLetterAlarms NONE = new DeadLetterAlarms() {
        @Override
        public void ensure(String deadLetterQueueName) {
        }

        @Override
        public void remove(String deadLetterQueueName) {
        }
    };

    /** Creates or updates the alarm on the queue (idempotent). */
    void ensure(String deadLetterQueueName);

    /** Deletes the queue's alarm; nothing happens when there is none. */
    void remove(String deadLetterQueueName);
}
