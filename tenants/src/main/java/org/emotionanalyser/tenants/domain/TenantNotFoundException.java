package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** No tenant with that id is registered. Maps to 404 in the API; fails the message in the consumer. */
public final class TenantNotFoundException extends EmotionAnalyserException {

    public TenantNotFoundException(String tenantId) {
        super("TenantNotFound", "tenant '" + tenantId + "' is not registered; create it with POST /tenants first");
    }
}
