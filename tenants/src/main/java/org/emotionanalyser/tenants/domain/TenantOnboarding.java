package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.domain.TenantResourceNames;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.emotionanalyser.tenants.port.TenantResources;
import org.emotionanalyser.tenants.port.TenantUsageKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant registry: creating a tenant (record, key, queue, DLQ, rule, topic, mapping, usage-plan key, upload
 * retention), reading and listing tenants, changing their settings, rotating keys, and deleting a tenant with all its
 * resources and data.
 *
 * <p>The tenant record's status tracks the life cycle: {@code PROVISIONING} while resources are created,
 * {@code ACTIVE} once all exist, {@code FAILED} when creation failed and could not be rolled back, {@code DELETING}
 * while a delete runs. Only an {@code ACTIVE} tenant's key is accepted. Every step is idempotent, so repeating a
 * failed create finishes the tenant and repeating a failed delete finishes the removal.
 *
 * <p>Creating a tenant that is already {@code ACTIVE} with the same settings is a successful no-op that issues no
 * key (the key was shown once, when it was created; rotate it if lost), so a tenant never has two live keys.
 *
 * <p>Each tenant gets a key in the tenants' API Gateway usage plan (its own request rate and burst). Tenants created
 * before per-tenant throttling have none; repeating their create (same settings) or rotating their key gives them
 * one, and until then the authorizer serves them on the admin's unthrottled plan, as before.
 */
public record TenantOnboarding(TenantDirectory directory, TenantResources resources, TenantUsageKeys usageKeys,
                               TenantObjects objects, ImageCatalogue catalogue, EmotionTimeline timeline,
                               ApiKeys keys, Clock clock, String resourcePrefix, double defaultEmotionThreshold,
                               int defaultRetentionDays) {

    private static final Logger LOG = LoggerFactory.getLogger(TenantOnboarding.class);
    private static final int DATA_PAGE = 100;

    /**
     * The outcome of a create.
     *
     * @param apiKey  the new key, present only when this call activated the tenant
     * @param created false when the tenant was already active with the same settings
     */
    public record Onboarded(Tenant tenant, Optional<String> apiKey, boolean created) {
        @Override
        public String toString() {
            return "Onboarded[tenant=" + tenant + ", created=" + created + "]";
        }
    }

    /**
     * Creates the tenant, or finishes a tenant whose creation failed before.
     *
     * @throws TenantConflictException      when the id is taken with other settings, or the tenant is being deleted
     * @throws ProvisioningFailedException  when AWS refused a step; repeating the request finishes it
     */
    public Onboarded create(NewTenant request) {
        int maxLength = TenantResourceNames.maxTenantIdLength(resourcePrefix);
        if (request.tenantId().length() > maxLength) {
            throw new InvalidInputException("tenantId may have at most " + maxLength
                    + " characters in this stack (its resource names would exceed AWS's limits)");
        }
        double threshold = request.emotionThreshold() == null ? defaultEmotionThreshold : request.emotionThreshold();
        int retention = request.retentionDays() == null ? defaultRetentionDays : request.retentionDays();
        ApiKeys.IssuedKey key = keys.issue(request.tenantId());
        Tenant fresh = Tenant.newTenant(request.tenantId(), request.name(), threshold, retention, clock.instant())
                .withKey(key.salt(), key.hash());

        Tenant tenant;
        if (directory.saveIfAbsent(fresh)) {
            tenant = fresh;
        } else {
            Tenant existing = directory.find(request.tenantId()).orElseThrow(() -> new TenantConflictException(
                    "tenant '" + request.tenantId() + "' is being changed by another request; try again"));
            if (!sameSettings(existing, request.name(), threshold, retention)) {
                throw new TenantConflictException("tenant '" + request.tenantId()
                        + "' already exists with other settings; pick another id or DELETE it first");
            }
            switch (existing.status()) {
                case ACTIVE:
                    return new Onboarded(withUsageKey(existing), Optional.empty(), false);
                case DELETING:
                    throw new TenantConflictException("tenant '" + request.tenantId()
                            + "' is being deleted; repeat DELETE /tenants/" + request.tenantId() + " to finish it");
                default:
                    // A creation that failed earlier: its key was never shown, so replace it and finish the job.
                    tenant = existing.withKey(key.salt(), key.hash()).withStatus(TenantStatus.PROVISIONING);
                    directory.save(tenant);
            }
        }
        TenantResourceNames names = TenantResourceNames.of(resourcePrefix, tenant.tenantId());
        try {
            ProvisionedResources created = resources.provision(names);
            UsageKey usageKey = usageKeys.ensure(names.apiKeyName());
            objects.applyRetention(tenant.tenantId(), tenant.retentionDays());
            Tenant active = tenant.withResources(created.topicArn(), created.queueUrl(), created.queueArn(),
                    created.deadLetterQueueUrl(), created.deadLetterQueueArn(), created.ruleName(),
                    created.eventSourceMappingId()).withUsageKey(usageKey).withStatus(TenantStatus.ACTIVE);
            directory.save(active);
            return new Onboarded(active, Optional.of(key.plaintext()), true);
        } catch (RuntimeException failure) {
            rollBack(tenant, names, failure);
            throw failure;
        }
    }

    /** Undoes a failed creation; when even that fails, the tenant stays FAILED for a retry or a delete. */
    private void rollBack(Tenant tenant, TenantResourceNames names, RuntimeException cause) {
        try {
            resources.teardown(names);
            usageKeys.remove(names.apiKeyName());
            objects.applyRetention(tenant.tenantId(), 0);
            directory.delete(tenant.tenantId());
            LOG.warn("creating tenant {} failed and was rolled back", tenant.tenantId(), cause);
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            try {
                directory.save(tenant.withStatus(TenantStatus.FAILED));
            } catch (RuntimeException statusFailure) {
                cause.addSuppressed(statusFailure);
            }
            LOG.error("creating tenant {} failed and could not be rolled back; it is FAILED until a retry or "
                    + "a delete", tenant.tenantId(), cause);
        }
    }

    /**
     * An active tenant created before per-tenant throttling gets its usage-plan key; a tenant that has one is
     * returned as it is. The key is written only if the record is still the one read, so this cannot revive a
     * tenant a concurrent delete is removing (its key is then removed with the tenant's other resources).
     */
    private Tenant withUsageKey(Tenant tenant) {
        if (tenant.hasUsageKey()) {
            return tenant;
        }
        UsageKey key = usageKeys.ensure(TenantResourceNames.of(resourcePrefix, tenant.tenantId()).apiKeyName());
        Tenant keyed = tenant.withUsageKey(key);
        if (!directory.replaceIfUnchanged(tenant, keyed)) {
            throw new TenantConflictException("tenant '" + tenant.tenantId() + "' was changed by another request "
                    + "(key rotation or delete) meanwhile; GET it and try again");
        }
        LOG.info("tenant {} got its usage-plan key {}: its API requests now have their own throttle",
                tenant.tenantId(), key.id());
        return keyed;
    }

    /** The tenant. @throws TenantNotFoundException when not registered */
    public Tenant get(String tenantId) {
        return directory.find(TenantId.require(tenantId)).orElseThrow(() -> new TenantNotFoundException(tenantId));
    }

    /** One page of tenants. */
    public Page<Tenant> list(int limit, String pageToken) {
        return directory.list(limit, pageToken);
    }

    /**
     * Issues a new key; the previous one stops working at once.
     *
     * <p>The new key is written only if the record is still the one read (same status and key), so a rotation
     * racing a delete can neither write the record back after the delete removed it nor revive a DELETING tenant.
     *
     * @return the new key, shown once
     * @throws TenantConflictException when the tenant is not active, or was deleted, rotated or marked for deletion
     *                                 between the read and the write
     */
    public String rotateKey(String tenantId) {
        Tenant tenant = get(tenantId);
        if (tenant.status() != TenantStatus.ACTIVE) {
            throw new TenantConflictException("tenant '" + tenantId + "' is " + tenant.status()
                    + "; only an ACTIVE tenant's key can be rotated");
        }
        ApiKeys.IssuedKey key = keys.issue(tenantId);
        Tenant rotated = tenant.withKey(key.salt(), key.hash());
        if (!tenant.hasUsageKey()) {
            // A tenant created before per-tenant throttling: rotation is one of the two ways it gets its usage key.
            rotated = rotated.withUsageKey(usageKeys.ensure(
                    TenantResourceNames.of(resourcePrefix, tenantId).apiKeyName()));
        }
        if (!directory.replaceIfUnchanged(tenant, rotated)) {
            throw new TenantConflictException("tenant '" + tenantId + "' was deleted or changed by another request "
                    + "(delete or key rotation) meanwhile; GET it and try again");
        }
        return key.plaintext();
    }

    /**
     * Changes an active tenant's name, emotion threshold or retention. A given {@code retentionDays} (even an
     * unchanged one) is applied to the bucket's lifecycle rule for the tenant's uploads before the record is written,
     * so repeating a failed change, or the same change after a redeploy replaced the bucket's rules, puts the rule
     * right. Neither setting is retroactive: rows and image records already written keep the expiry they were
     * written with (the consumer sets it from the retention of its time), and images already analysed keep the
     * emotions judged with the old threshold. Consumers cache tenants, so a warm one sees the change within its
     * cache's time to live.
     *
     * @return the tenant as stored now
     * @throws TenantNotFoundException     when not registered
     * @throws TenantConflictException     when the tenant is not ACTIVE, or its status or key changed meanwhile
     * @throws StorageFailedException      when the bucket's lifecycle rule could not be written; nothing changed
     *                                     in the record, repeat the request
     */
    public Tenant update(String tenantId, TenantChanges changes) {
        Tenant current = get(tenantId);
        if (current.status() != TenantStatus.ACTIVE) {
            throw new TenantConflictException("tenant '" + tenantId + "' is " + current.status()
                    + "; only an ACTIVE tenant's settings can be changed");
        }
        Tenant changed = changes.applyTo(current);
        if (changes.retentionDays() != null) {
            objects.applyRetention(tenantId, changed.retentionDays());
        }
        if (!directory.replaceIfUnchanged(current, changed)) {
            throw new TenantConflictException("tenant '" + tenantId + "' was changed by another request (key "
                    + "rotation or delete) meanwhile; GET it and try again");
        }
        return changed;
    }

    /**
     * Deletes the tenant: marks it DELETING (its key stops working), removes the event source mapping, rule,
     * queues, topic and usage-plan key, then its emotion rows, image records, uploads, exports and retention rule,
     * and finally the record. A failure leaves it DELETING; repeating the delete finishes it.
     *
     * @throws TenantNotFoundException when not registered
     */
    public void delete(String tenantId) {
        Tenant tenant = get(tenantId);
        if (tenant.status() != TenantStatus.DELETING) {
            directory.save(tenant.withStatus(TenantStatus.DELETING));
        }
        TenantResourceNames names = TenantResourceNames.of(resourcePrefix, tenantId);
        resources.teardown(names);
        usageKeys.remove(names.apiKeyName());
        deleteImagesAndRows(tenantId);
        objects.deleteAll(tenantId);
        objects.applyRetention(tenantId, 0);
        directory.delete(tenantId);
    }

    private void deleteImagesAndRows(String tenantId) {
        List<Emotion> allEmotions = List.of(Emotion.values());
        List<ImageRecord> records;
        do {
            // Always from the start: the previous records are gone.
            records = catalogue.firstInKeyOrder(tenantId, DATA_PAGE);
            for (ImageRecord record : records) {
                timeline.deleteImage(tenantId, record.imageId(), record.analyzedAt(), allEmotions);
                catalogue.delete(tenantId, record.imageId());
            }
        } while (!records.isEmpty());
        // Rows whose image record was already gone (expired first, or written by a consumer racing the delete).
        for (Emotion emotion : allEmotions) {
            timeline.forEach(tenantId, emotion, null, null,
                    row -> timeline.deleteImage(tenantId, row.imageId(), row.analyzedAt(), List.of(emotion)));
        }
    }

    private static boolean sameSettings(Tenant tenant, String name, double threshold, int retention) {
        return tenant.name() != null && tenant.name().equals(name)
                && Double.compare(tenant.emotionThreshold(), threshold) == 0
                && tenant.retentionDays() == retention;
    }
}
