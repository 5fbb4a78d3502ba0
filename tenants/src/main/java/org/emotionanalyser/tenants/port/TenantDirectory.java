package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.Tenant;

import java.util.Optional;

/** The tenants table: the one store of tenant records, for the consumer, the authorizer and the registry. */
public interface TenantDirectory {

    /** The tenant, if registered; a caching directory may answer from its cache. */
    Optional<Tenant> find(String tenantId);

    /**
     * The tenant as stored now, never from a cache: for decisions a delete must stop at once, such as whether a
     * message may still write a tenant's rows.
     */
    default Optional<Tenant> findCurrent(String tenantId) {
        return find(tenantId);
    }

    /** Writes the tenant, replacing any record with the same id. */
    void save(Tenant tenant);

    /**
     * Writes the tenant only when no tenant with its id exists, atomically.
     *
     * @return false when the id was already taken (nothing was written)
     */
    boolean saveIfAbsent(Tenant tenant);

    /**
     * Writes {@code replacement} only when the stored record still has {@code current}'s status and key hash,
     * atomically, so a settings change never revives a rotated key or undoes a delete that started meanwhile.
     *
     * @return false when the record changed status or key, or is gone (nothing was written)
     */
    boolean replaceIfUnchanged(Tenant current, Tenant replacement);

    /**
     * One page of all tenants, in no particular order (admin listing).
     *
     * @param limit     at most this many items (1 to 1000)
     * @param pageToken {@code null} for the first page, else a token from the previous page
     * @throws InvalidPageTokenException when the token is malformed or was issued for another listing
     */
    Page<Tenant> list(int limit, String pageToken);

    /** Removes the tenant record; nothing happens when there is none. */
    void delete(String tenantId);
}
