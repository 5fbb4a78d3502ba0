package org.emotionanalyser.tenants.domain;

import java.util.Objects;

/**
 * A tenant's API Gateway usage-plan key: the key API Gateway counts the tenant's requests under, so each tenant has
 * its own throttle. The authorizer returns {@link #value()} as {@code usageIdentifierKey}; the API takes keys from
 * the authorizer only (key source {@code AUTHORIZER}), so the value is an opaque identifier, not a credential and
 * not the tenant's API key. It is still never logged or shown.
 *
 * @param id    API Gateway's id of the key
 * @param value the key's value
 */
public record UsageKey(String id, String value) {

    public UsageKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }

    /** Leaves the value out. */
    @Override
    public String toString() {
        return "UsageKey[id=" + id + "]";
    }
}
