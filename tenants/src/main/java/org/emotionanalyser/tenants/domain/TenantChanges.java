package org.emotionanalyser.tenants.domain;


/**
 * An admin's change to a tenant's settings; {@code null} fields stay as they are. The ranges are those of
 * {@link NewTenant}.
 *
 * @param emotionThreshold face emotion confidence (0 to 100) below which a face counts as OTHER
 * @param retentionDays    days uploads and results are kept, 0 to keep them
 */
public record TenantChanges(String name, Double emotionThreshold, Integer retentionDays) {

    public TenantChanges {
        if (name == null && emotionThreshold == null && retentionDays == null) {
            throw new InvalidInputException("give at least one of name, emotionThreshold and retentionDays");
        }
        if (name != null) {
            name = NewTenant.requireValidName(name);
        }
        NewTenant.requireValidThreshold(emotionThreshold);
        NewTenant.requireValidRetention(retentionDays);
    }

    /** The tenant with these changes applied. */
    Tenant applyTo(Tenant tenant) {
        return tenant.withSettings(name == null ? tenant.name() : name,
                emotionThreshold == null ? tenant.emotionThreshold() : emotionThreshold,
                retentionDays == null ? tenant.retentionDays() : retentionDays);
    }
}
