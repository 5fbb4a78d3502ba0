package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.domain.EmotionRules;
import org.emotionanalyser.router.domain.TenantId;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as the tenants table holds it: its settings, the salted hash of its API key and the AWS resources
 * provisioned for it. Resource fields are {@code null} until provisioning has created them.
 *
 * @param emotionThreshold face emotion confidence (0 to 100) below which a face counts as OTHER for this tenant
 * @param retentionDays    days this tenant's uploads and results are kept; 0 keeps them
 * @param keySalt          hex salt of the API key hash, {@code null} before a key is issued
 * @param keyHash          hex salted SHA-256 of the key's secret, {@code null} before a key is issued
 * @param usageKeyId       id of the tenant's API Gateway usage-plan key, {@code null} before it exists (tenants
 *                         created before per-tenant throttling, until the admin repeats their create or rotates
 *                         their key)
 * @param usageKeyValue    that key's value, which the authorizer returns as {@code usageIdentifierKey} so API
 *                         Gateway counts the tenant's requests against its own throttle; an opaque identifier, not
 *                         a credential (the API takes keys from the authorizer only), but never logged
 */
public record Tenant(String tenantId,
                     String name,
                     String keyHash,
                     String keySalt,
                     double emotionThreshold,
                     int retentionDays,
                     TenantStatus status,
                     String topicArn,
                     String queueUrl,
                     String queueArn,
                     String dlqUrl,
                     String dlqArn,
                     String ruleName,
                     String eventSourceMappingId,
                     Instant createdAt,
                     String usageKeyId,
                     String usageKeyValue) {

    public Tenant {
        TenantId.require(tenantId);
        EmotionRules.requireValidThreshold(emotionThreshold);
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retentionDays must be 0 (keep) or more, was " + retentionDays);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A tenant just created: no key and no resources yet, status {@link TenantStatus#PROVISIONING}. */
    public static Tenant newTenant(String tenantId, String name, double emotionThreshold, int retentionDays,
                                   Instant createdAt) {
        return new Tenant(tenantId, name, null, null, emotionThreshold, retentionDays, TenantStatus.PROVISIONING,
                null, null, null, null, null, null, null, createdAt, null, null);
    }

    /** The same tenant in another status. */
    public Tenant withStatus(TenantStatus newStatus) {
        return new Tenant(tenantId, name, keyHash, keySalt, emotionThreshold, retentionDays, newStatus, topicArn,
                queueUrl, queueArn, dlqUrl, dlqArn, ruleName, eventSourceMappingId, createdAt,
                usageKeyId, usageKeyValue);
    }

    /** The same tenant with a new API key hash (the previous key stops working). */
    public Tenant withKey(String newKeySalt, String newKeyHash) {
        return new Tenant(tenantId, name, newKeyHash, newKeySalt, emotionThreshold, retentionDays, status, topicArn,
                queueUrl, queueArn, dlqUrl, dlqArn, ruleName, eventSourceMappingId, createdAt,
                usageKeyId, usageKeyValue);
    }

    /** The same tenant with its provisioned resources. */
    public Tenant withResources(String newTopicArn, String newQueueUrl, String newQueueArn, String newDlqUrl,
                                String newDlqArn, String newRuleName, String newEventSourceMappingId) {
        return new Tenant(tenantId, name, keyHash, keySalt, emotionThreshold, retentionDays, status, newTopicArn,
                newQueueUrl, newQueueArn, newDlqUrl, newDlqArn, newRuleName, newEventSourceMappingId, createdAt,
                usageKeyId, usageKeyValue);
    }

    /** The same tenant with its API Gateway usage-plan key. */
    public Tenant withUsageKey(UsageKey key) {
        return new Tenant(tenantId, name, keyHash, keySalt, emotionThreshold, retentionDays, status, topicArn,
                queueUrl, queueArn, dlqUrl, dlqArn, ruleName, eventSourceMappingId, createdAt, key.id(), key.value());
    }

    /** Whether the tenant has its own usage-plan key (tenants created before per-tenant throttling have none). */
    public boolean hasUsageKey() {
        return usageKeyId != null && usageKeyValue != null;
    }

    /** The same tenant with other settings. */
    public Tenant withSettings(String newName, double newEmotionThreshold, int newRetentionDays) {
        return new Tenant(tenantId, newName, keyHash, keySalt, newEmotionThreshold, newRetentionDays, status,
                topicArn, queueUrl, queueArn, dlqUrl, dlqArn, ruleName, eventSourceMappingId, createdAt,
                usageKeyId, usageKeyValue);
    }

    /** Leaves the key hash, salt and usage key value out, so a logged tenant never carries key material. */
    @Override
    public String toString() {
        return "Tenant[tenantId=" + tenantId + ", name=" + name + ", status=" + status
                + ", emotionThreshold=" + emotionThreshold + ", retentionDays=" + retentionDays
                + ", topicArn=" + topicArn + ", queueArn=" + queueArn + ", usageKeyId=" + usageKeyId
                + ", createdAt=" + createdAt + "]";
    }
}
