package org.emotionanalyser.ingest.port;

/** What the reader needs to know of the tenant registry: whether an upload's tenant is being or has been deleted. */
public interface TenantLookup {

    /**
     * True when the tenant has no record, or its record is tombstoned for deletion ({@code DELETING}); read past any
     * cache, since it decides whether an upload that arrived after the delete started is kept.
     *
     * @throws org.emotionanalyser.ingest.domain.TenantLookupUnavailableException when the registry cannot be read
     */
    boolean isDeleted(String tenantId);
}
