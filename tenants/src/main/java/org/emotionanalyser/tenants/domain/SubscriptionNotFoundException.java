package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The tenant's topic has no subscription with that id. Maps to 404. */
public final class SubscriptionNotFoundException extends EmotionAnalyserException {

    public SubscriptionNotFoundException() {
        super("SubscriptionNotFound",
                "no subscription with that id; list them with GET /tenants/{tenantId}/subscriptions");
    }
}
