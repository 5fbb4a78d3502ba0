package org.emotionanalyser.tenants.domain;

/**
 * One subscription on a tenant's topic.
 *
 * @param subscriptionId the last part of the SNS subscription ARN; {@code null} while SNS lists the subscription
 *                       only as pending confirmation (it has no id to delete yet and expires on its own)
 * @param confirmed      false until the subscriber confirmed (e-mail link, https handshake)
 */
public record Subscription(String subscriptionId, SubscriptionProtocol protocol, String endpoint,
                           SubscriptionFilter filter, boolean confirmed) {
}
