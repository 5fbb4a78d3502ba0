package org.emotionanalyser.tenants.domain;

/**
 * Where a tenant is in its life: its resources (queue, DLQ, rule, topic, event source mapping) are being created,
 * it is in service, creating them failed part-way, or they are being removed.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, FAILED, DELETING
}
