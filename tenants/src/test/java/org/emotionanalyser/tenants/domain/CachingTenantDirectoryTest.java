package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.testing.MovableClock;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CachingTenantDirectoryTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

    private final InMemoryStores.Tenants store = new InMemoryStores.Tenants();
    private final MovableClock clock = new MovableClock(T0);
    private final CachingTenantDirectory cache = new CachingTenantDirectory(store, Duration.ofSeconds(30), clock);

    @Test
    void find_whenAskedTwiceWithinTheTimeToLive_readsTheStoreOnce() {
        store.save(Tenant.newTenant("acme", "Acme", 50, 30, T0));

        cache.find("acme");
        cache.find("acme");

        assertThat(store.reads()).isEqualTo(1);
    }

    @Test
    void find_whenTimeToLivePassed_seesChangedSettings() {
        store.save(Tenant.newTenant("acme", "Acme", 50, 30, T0));
        cache.find("acme");
        store.save(Tenant.newTenant("acme", "Acme", 80, 30, T0));

        clock.advance(Duration.ofSeconds(31));

        assertThat(cache.find("acme").orElseThrow().emotionThreshold()).isEqualTo(80);
    }

    @Test
    void find_whenChangedThroughTheCache_seesTheChangeAtOnce() {
        Tenant tenant = Tenant.newTenant("acme", "Acme", 50, 30, T0);
        store.save(tenant);
        cache.find("acme");

        assertThat(cache.replaceIfUnchanged(tenant, tenant.withSettings("Acme", 80, 30))).isTrue();

        assertThat(cache.find("acme").orElseThrow().emotionThreshold()).isEqualTo(80);
    }

    @Test
    void find_whenTenantWasMissing_findsItAsSoonAsItExists() {
        assertThat(cache.find("acme")).isEmpty();

        store.save(Tenant.newTenant("acme", "Acme", 50, 30, T0));

        assertThat(cache.find("acme")).isPresent();
    }
}
