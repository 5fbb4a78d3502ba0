package org.emotionanalyser.tenants.port;

import org.emotionanalyser.tenants.domain.UsageKey;

/**
 * Each tenant's key in the tenants' API Gateway usage plan, which gives every tenant its own request rate and burst
 * limit. Keys are found by name, so both operations look before they create or delete: running one again after a
 * failure part-way finishes what the first run started.
 *
 * @throws org.emotionanalyser.tenants.domain.ProvisioningFailedException from either operation when AWS refuses
 */
public interface TenantUsageKeys {

    /** The key of this name, created if missing, and added to the tenants' usage plan if it is not in it yet. */
    UsageKey ensure(String keyName);

    /** Deletes every key of this name (which takes it out of its usage plans); nothing happens when there is none. */
    void remove(String keyName);
}
