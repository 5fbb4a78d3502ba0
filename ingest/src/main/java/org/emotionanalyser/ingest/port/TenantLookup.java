package org.emotionanalyser.ingest.port;

/** What the reader needs to know of the tenant registry: whether an upload's tenant still takes uploads. */
public interface TenantLookup {

    /**
     * True only when the tenant has a record and it is {@code ACTIVE}
     * ({@link org.emotionanalyser.router.domain.TenantStatus#acceptsUploads()}); false when the record is gone or
     * {@code DELETING}, {@code PROVISIONING} or {@code FAILED} (such an upload was made for an earlier tenant of
     * the same id). Read past any cache, since it decides whether an upload is analysed or deleted.
     *
     * @throws org.emotionanalyser.ingest.domain.TenantLookupUnavailableException when the registry cannot be read
     */
    boolean acceptsUploads(String tenantId);
}
