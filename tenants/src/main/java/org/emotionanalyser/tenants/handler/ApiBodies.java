package org.emotionanalyser.tenants.handler;

import java.util.List;

/** Request bodies as JSON delivers them; the domain records check them. */
final class ApiBodies {

    private ApiBodies() {
    }

    /** {@code POST /tenants}. */
    record CreateTenant(String tenantId, String name, Double emotionThreshold, Integer retentionDays) {
    }

    /** {@code PATCH /tenants/{tenantId}}. */
    record ChangeTenant(String name, Double emotionThreshold, Integer retentionDays) {
    }

    /** {@code POST /tenants/{tenantId}/subscriptions}. */
    record Subscribe(String protocol, String endpoint, List<String> emotions, Boolean celebritiesOnly,
                     Integer minFaces) {
    }

    /** {@code POST /tenants/{tenantId}/exports}. */
    record RunExport(String date) {
    }
}
