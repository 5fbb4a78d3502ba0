package org.emotionanalyser.tenants.port;

import java.util.Optional;

/**
 * A tenant's objects in the images bucket: its uploads under {@code uploads/{tenantId}/} and exports under
 * {@code exports/{tenantId}/}, and the bucket lifecycle rule that expires its uploads.
 */
public interface TenantObjects {

    /** The key of an upload of this image ({@code uploads/{tenantId}/{imageId}.*}), if one is stored. */
    Optional<String> findUpload(String tenantId, String imageId);

    /**
     * Deletes every stored upload of this image.
     *
     * @return how many objects were deleted
     */
    int deleteUploads(String tenantId, String imageId);

    /** Deletes every upload and export of the tenant. */
    void deleteAll(String tenantId);

    /**
     * Makes the bucket expire the tenant's uploads after {@code retentionDays} days, keeping every other tenant's
     * rule; 0 removes the tenant's rule (keep forever).
     */
    void applyRetention(String tenantId, int retentionDays);
}
