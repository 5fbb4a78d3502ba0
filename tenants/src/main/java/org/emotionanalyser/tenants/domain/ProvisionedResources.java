package org.emotionanalyser.tenants.domain;

/**
 * What provisioning created (or found) for one tenant: the queue the tenant rule feeds, its dead-letter queue,
 * the rule, the notification topic and the consumer's event source mapping.
 */
public record ProvisionedResources(String queueUrl, String queueArn, String deadLetterQueueUrl,
                                   String deadLetterQueueArn, String ruleName, String ruleArn, String topicArn,
                                   String eventSourceMappingId) {
}
