package org.emotionanalyser.local.runtime.sqs;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Map;

/**
 * Sends messages to local queues named by ARN, for the EventBridge and SNS deliveries, straight to ElasticMQ's queue
 * actors in this process ({@link ElasticMqServer#sendMessage}): two messages per analysed image, which over HTTP
 * cost an SDK call and ElasticMQ's request routing each.
 */
public final class SqsDelivery {

    private final ElasticMqServer elasticMq;
    private final QueuePolicyStore policies;

    public SqsDelivery(ElasticMqServer elasticMq, QueuePolicyStore policies) {
        this.elasticMq = elasticMq;
        this.policies = policies;
    }

    /**
     * Sends one message to the queue with the given ARN ({@code arn:aws:sqs:<region>:<account>:<name>}).
     *
     * @throws IllegalArgumentException when the ARN is not an SQS queue ARN
     * @throws software.amazon.awssdk.core.exception.SdkException when the queue does not exist or ElasticMQ fails
     */
    public void send(String queueArn, String body, Map<String, MessageAttributeValue> attributes) {
        elasticMq.sendMessage(nameOf(queueArn), body, attributes);
    }

    /**
     * Sends one message to the queue on behalf of a service, as that service would: only when the queue's policy
     * lets {@code servicePrincipal} send for {@code sourceArn}, as SQS checks it.
     *
     * @throws QueueAccessDeniedException when the queue's policy does not allow it
     */
    public void sendAs(String servicePrincipal, String sourceArn, String queueArn, String body,
                Map<String, MessageAttributeValue> attributes) {
        String queueName = nameOf(queueArn);
        if (!policies.parsedPolicy(queueName).allowsSendMessage(servicePrincipal, queueArn, sourceArn)) {
            throw new QueueAccessDeniedException(queueArn, servicePrincipal, sourceArn);
        }
        elasticMq.sendMessage(queueName, body, attributes);
    }

    private static String nameOf(String queueArn) {
        String[] parts = queueArn.split(":", 6);
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return parts[5];
    }

    /** SQS refused a service's message because the queue's policy does not allow it. */
    static final class QueueAccessDeniedException extends RuntimeException {
        QueueAccessDeniedException(String queueArn, String principal, String sourceArn) {
            super("the policy of " + queueArn + " does not let " + principal + " send messages from " + sourceArn
                    + ", so SQS refuses them; add a statement allowing sqs:SendMessage for Principal {\"Service\": \""
                    + principal + "\"} with Condition {\"ArnEquals\": {\"aws:SourceArn\": \"" + sourceArn + "\"}}");
        }
    }
}
