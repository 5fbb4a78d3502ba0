package org.emotionanalyser.tenants.port;

import java.util.List;
import org.emotionanalyser.tenants.domain.Subscription;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;

/** Subscriptions on one tenant topic; every call is scoped to the topic given, so tenants never see each other's. */
public interface Subscriptions {

    /** Subscribes the endpoint with the request's filter; the result is usually not yet confirmed. */
    Subscription subscribe(String topicArn, SubscriptionRequest request);

    /** Every subscription of the topic, confirmed or not. */
    List<Subscription> list(String topicArn);

    /**
     * Removes the subscription when it belongs to this topic.
     *
     * @return false when the topic has no subscription with that id
     */
    boolean unsubscribe(String topicArn, String subscriptionId);
}
