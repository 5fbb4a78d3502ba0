package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.tenants.port.TenantDirectory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A tenant directory that remembers lookups for a short time, so a consumer container reading a batch of one
 * tenant's messages reads the tenant once. Only found tenants are cached: a tenant created a moment ago is seen on
 * the next lookup. Settings changes reach a warm container after at most the time to live. Writes go straight
 * through and drop the cached entry.
 */
public final class CachingTenantDirectory implements TenantDirectory {

    private record Entry(Tenant tenant, Instant expiresAt) {
    }

    private final TenantDirectory delegate;
    private final Duration timeToLive;
    private final Clock clock;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CachingTenantDirectory(TenantDirectory delegate, Duration timeToLive, Clock clock) {
        this.delegate = delegate;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<Tenant> find(String tenantId) {
        Instant now = clock.instant();
        Entry cached = entries.get(tenantId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return Optional.of(cached.tenant());
        }
        Optional<Tenant> found = delegate.find(tenantId);
        found.ifPresentOrElse(tenant -> entries.put(tenantId, new Entry(tenant, now.plus(timeToLive))),
                () -> entries.remove(tenantId));
        return found;
    }

    /** Past the cache: the store's record, which also refreshes the cache. */
    @Override
    public Optional<Tenant> findCurrent(String tenantId) {
        Optional<Tenant> current = delegate.findCurrent(tenantId);
        current.ifPresentOrElse(tenant -> entries.put(tenantId, new Entry(tenant, clock.instant().plus(timeToLive))),
                () -> entries.remove(tenantId));
        return current;
    }

    @Override
    public void save(Tenant tenant) {
        entries.remove(tenant.tenantId());
        delegate.save(tenant);
    }

    @Override
    public boolean saveIfAbsent(Tenant tenant) {
        entries.remove(tenant.tenantId());
        return delegate.saveIfAbsent(tenant);
    }

    @Override
    public boolean replaceIfUnchanged(Tenant current, Tenant replacement) {
        entries.remove(replacement.tenantId());
        return delegate.replaceIfUnchanged(current, replacement);
    }

    @Override
    public Page<Tenant> list(int limit, String pageToken) {
        return delegate.list(limit, pageToken);
    }

    @Override
    public void delete(String tenantId) {
        entries.remove(tenantId);
        delegate.delete(tenantId);
    }
}
