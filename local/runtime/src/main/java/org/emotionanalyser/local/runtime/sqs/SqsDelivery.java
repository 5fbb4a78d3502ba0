package org.emotionanalyser.local.runtime.sqs;

import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Map;

/**
 * Sends messages to local queues named by ARN, for the EventBridge and SNS deliveries, straight to ElasticMQ's queue
 * actors in this process ({@link ElasticMqServer#sendMessage}): two messages per analysed image, which over HTTP
 * cost an SDK call and ElasticMQ's request routing each. Like SQS, it lets a service send only what the queue's
 * policy allows that service for that source (a topic, a rule).
 */
public final class SqsDelivery {

    private final ElasticMqServer elasticMq;
    private final QueuePolicyStore policies;

    public SqsDelivery(ElasticMqServer elasticMq, QueuePolicyStore policies) {
        this.elasticMq = elasticMq;
        this.policies = policies;
    }

    /**
     * Sends one message to the queue on behalf of a service, as that service would: only when the queue's policy
     * lets {@code servicePrincipal} send for {@code sourceArn}, as SQS checks it.
     *
     * @throws QueueAccessDeniedException when the queue's policy does not allow it
     * @throws software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException when there is no such queue
     */
    public void sendAs(String servicePrincipal, String sourceArn, String queueArn, String body,
                Map<String, MessageAttributeValue> attributes) {
        String queueName = nameOf(queueArn);
        if (!policies.parsedPolicy(queueName).allowsSendMessage(servicePrincipal, queueArn, sourceArn)) {
            // A missing queue has no policy either; SQS reports it missing, which EventBridge tells apart.
            elasticMq.requireQueue(queueName);
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
}
