package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * An event arrived on another tenant's queue. Each tenant's rule targets only its own queue, so this is a routing
 * mistake (or a message sent by hand); recording it would put one tenant's results into another's data.
 */
public final class WrongTenantQueueException extends EmotionAnalyserException {

    public WrongTenantQueueException(String tenantId, String queueName) {
        super("WrongTenantQueue", "event for tenant " + tenantId + " arrived on queue " + queueName
                + "; only that tenant's own queue may carry its events - check the tenant's EventBridge rule target");
    }
}
