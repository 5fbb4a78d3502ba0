package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.emotionanalyser.tenants.port.Subscriptions;
import org.emotionanalyser.tenants.port.TenantDirectory;

/** A tenant's subscriptions, always on the tenant's own topic as its record names it. */
public final class TenantSubscriptions {

    /** SNS subscription ids are the UUID at the end of the subscription ARN. */
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private final TenantDirectory directory;
    private final Subscriptions subscriptions;

    public TenantSubscriptions(TenantDirectory directory, Subscriptions subscriptions) {
        this.directory = directory;
        this.subscriptions = subscriptions;
    }

    public Subscription subscribe(String tenantId, SubscriptionRequest request) {
        return subscriptions.subscribe(topicOf(tenantId), request);
    }

    public List<Subscription> list(String tenantId) {
        return subscriptions.list(topicOf(tenantId));
    }

    /**
     * @throws InvalidInputException         when the id is not a subscription id as {@link #list} shows them
     * @throws SubscriptionNotFoundException when the tenant's topic has no subscription with that id
     */
    public void unsubscribe(String tenantId, String subscriptionId) {
        if (subscriptionId == null || !SUBSCRIPTION_ID.matcher(subscriptionId).matches()) {
            throw new InvalidInputException("subscriptionId must be a subscription id as listed by "
                    + "GET /tenants/{tenantId}/subscriptions");
        }
        if (!subscriptions.unsubscribe(topicOf(tenantId), subscriptionId)) {
            throw new SubscriptionNotFoundException();
        }
    }

    private String topicOf(String tenantId) {
        Tenant tenant = directory.find(tenantId).orElseThrow(() -> new TenantNotFoundException(tenantId));
        if (tenant.status() != TenantStatus.ACTIVE || tenant.topicArn() == null) {
            throw new TenantConflictException("tenant '" + tenantId + "' is " + tenant.status()
                    + " and has no notification topic in service");
        }
        return tenant.topicArn();
    }
}
