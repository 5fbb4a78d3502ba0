package org.emotionanalyser.local.runtime.sqs;

/**
 * SQS refused a service's message because the queue's policy does not let that service send it on behalf of that
 * source (an SNS topic, an EventBridge rule); the message names the statement that would allow it.
 */
public final class QueueAccessDeniedException extends RuntimeException {

    public QueueAccessDeniedException(String queueArn, String principal, String sourceArn) {
        super("the policy of " + queueArn + " does not let " + principal + " send messages from " + sourceArn
                + ", so SQS refuses them; add a statement allowing sqs:SendMessage for Principal {\"Service\": \""
                + principal + "\"} with Condition {\"ArnEquals\": {\"aws:SourceArn\": \"" + sourceArn + "\"}}");
    }
}
