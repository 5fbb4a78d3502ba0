package org.emotionanalyser.router.domain;

/**
 * The part of the tenants table's layout other modules depend on: the tenants module writes the table, the reader
 * (ingest) reads one tenant's status from it before analysing an upload. Both name the attributes through these
 * constants, and the values of {@link #STATUS} are the names of {@link TenantStatus}.
 */
public final class TenantsTable {

    /** The partition key: the tenant id (string). */
    public static final String TENANT_ID = "tenantId";
    /** The tenant's {@link TenantStatus}, by name (string); absent on an item written by hand, meaning ACTIVE. */
    public static final String STATUS = "status";

    private TenantsTable() {
    }
}
