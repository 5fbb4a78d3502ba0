package org.emotionanalyser.local.runtime.sqs;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/**
 * Gives a test's queue the policy SNS (and EventBridge) need to deliver to it, as a subscriber's or a rule target's
 * queue needs in AWS.
 */
public final class QueueAccess {

    private QueueAccess() {
    }

    /** The queue policy letting any topic whose ARN matches {@code topicArnPattern} send to the queue. */
    public static String topicPolicy(String queueArn, String topicArnPattern) {
        return policy(statement(queueArn, "sns.amazonaws.com", topicArnPattern));
    }

    /** Lets topics matching {@code topicArnPattern} (e.g. one ARN, or {@code arn:aws:sns:*}) deliver to the queue. */
    public static void allowTopics(SqsClient sqs, String queueUrl, String topicArnPattern) {
        setPolicy(sqs, queueUrl, topicPolicy(queueArn(sqs, queueUrl), topicArnPattern));
    }

    /**
     * Lets any topic and any EventBridge rule deliver to the queue, for tests whose queues receive from both and are
     * not about policies.
     */
    public static void allowTopicsAndRules(SqsClient sqs, String queueUrl) {
        String queueArn = queueArn(sqs, queueUrl);
        setPolicy(sqs, queueUrl, policy(statement(queueArn, "sns.amazonaws.com", "arn:aws:sns:*"),
                statement(queueArn, "events.amazonaws.com", "arn:aws:events:*")));
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
    }

    private static String statement(String queueArn, String principal, String sourceArnPattern) {
        return "{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"" + principal + "\"},"
                + "\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + queueArn + "\","
                + "\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":\"" + sourceArnPattern + "\"}}}";
    }

    private static String queueArn(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(g -> g.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void setPolicy(SqsClient sqs, String queueUrl, String policy) {
        sqs.setQueueAttributes(s -> s.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.POLICY, policy)));
    }
}
