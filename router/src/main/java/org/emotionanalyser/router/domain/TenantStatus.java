package org.emotionanalyser.router.domain;

/**
 * Where a tenant is in its life, as the tenants module writes it to the {@link TenantsTable#STATUS} attribute: its
 * resources (queue, DLQ, rule, topic, event source mapping) are being created, it is in service, creating them failed
 * part-way, or they are being removed.
 *
 * <p>Uploads are analysed only for an {@link #ACTIVE} tenant ({@link #acceptsUploads()}): a tenant's key works only
 * while it is ACTIVE, and a tenant never returns to PROVISIONING or FAILED once ACTIVE, so an upload seen while it is
 * PROVISIONING or FAILED was made for an earlier tenant of the same id (deleted, then created again) and is swept
 * like one seen while DELETING or after the record is gone.
 */
public enum TenantStatus {
    PROVISIONING, ACTIVE, FAILED, DELETING;

    /** Whether the reader analyses uploads of a tenant in this status: only when ACTIVE. */
    public boolean acceptsUploads() {
        return this == ACTIVE;
    }

    /**
     * The status a stored {@link TenantsTable#STATUS} value stands for: an item without one (written by hand)
     * is ACTIVE.
     *
     * @throws IllegalArgumentException when the value is not a status this code knows
     */
    public static TenantStatus ofStored(String value) {
        return value == null ? ACTIVE : valueOf(value);
    }
}
