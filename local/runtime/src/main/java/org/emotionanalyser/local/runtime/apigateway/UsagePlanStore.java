package org.emotionanalyser.local.runtime.apigateway;

import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.JsonStateFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API Gateway's API keys and usage plans: those of the template ({@link #applyTemplate}) and the keys functions
 * create at run time through {@link ApiGatewayControlApi} (the admin API's per-tenant keys). Saved to one state file
 * after every change, so tenants' keys survive a restart as the tenants do.
 *
 * <p>{@link #grantFor(String)} is what the gateway asks on every request of a method that requires a key.
 */
public final class UsagePlanStore {

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** API Gateway's generated key ids have 10 characters, generated values 40. */
    private static final int ID_LENGTH = 10;
    private static final int VALUE_LENGTH = 40;

    /** One API key as saved. */
    public record StoredKey(String id, String name, String value, boolean enabled, String description,
                            long createdDate) {
    }

    /** One usage plan as saved, with the ids of its keys. */
    public record StoredPlan(String id, String name, ApiDefinition.Throttle throttle, List<String> keyIds) {
    }

    record SavedState(List<StoredKey> keys, List<StoredPlan> plans) {
    }

    /** What a key is allowed: the plan it is counted in, and that plan's throttle ({@code null}: none). */
    public record Grant(String planId, ApiDefinition.Throttle throttle) {
    }

    private final JsonStateFile stateFile;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, StoredKey> keys = new LinkedHashMap<>();
    private final Map<String, StoredPlan> plans = new LinkedHashMap<>();

    /** Opens the store saved in {@code directory}, or an empty one. */
    public UsagePlanStore(Path directory, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(directory);
            this.stateFile = new JsonStateFile(directory.resolve("usage-plans.json"));
            stateFile.load(SavedState.class).ifPresent(saved -> {
                saved.keys().forEach(key -> keys.put(key.id(), key));
                saved.plans().forEach(plan -> plans.put(plan.id(), plan));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read API Gateway's saved keys and plans in " + directory, e);
        }
    }

    /**
     * Brings the template's plans, keys and plan keys into the store: plans take the template's name and throttle
     * and keep the keys added at run time; template keys get the template's name, value and state.
     */
    public synchronized void applyTemplate(ApiDefinition api) {
        for (ApiDefinition.UsagePlan plan : api.usagePlans()) {
            StoredPlan existing = plans.get(plan.id());
            plans.put(plan.id(), new StoredPlan(plan.id(), plan.name(), plan.throttle(),
                    existing == null ? List.of() : existing.keyIds()));
        }
        for (ApiDefinition.ApiKey key : api.apiKeys()) {
            StoredKey existing = keys.get(key.id());
            String value = key.value() != null ? key.value()
                    : existing != null ? existing.value() : random(ALPHANUMERIC, VALUE_LENGTH);
            keys.put(key.id(), new StoredKey(key.id(), key.name(), value, key.enabled(), null,
                    existing != null ? existing.createdDate() : clock.instant().getEpochSecond()));
        }
        for (ApiDefinition.UsagePlanKey planKey : api.usagePlanKeys()) {
            StoredPlan plan = plans.get(planKey.usagePlanId());
            if (plan == null || !keys.containsKey(planKey.keyId())) {
                throw new IllegalArgumentException("the template adds key " + planKey.keyId() + " to plan "
                        + planKey.usagePlanId() + ", but one of them is not an AWS::ApiGateway::UsagePlan or ApiKey "
                        + "of the template");
            }
            if (!plan.keyIds().contains(planKey.keyId())) {
                plans.put(plan.id(), withKeys(plan, add(plan.keyIds(), planKey.keyId())));
            }
        }
        save();
    }

    /**
     * The plan a key value is counted in, when the key exists, is enabled and is in a plan; empty means API
     * Gateway answers 403 Forbidden.
     */
    public synchronized Optional<Grant> grantFor(String keyValue) {
        if (keyValue == null) {
            return Optional.empty();
        }
        for (StoredKey key : keys.values()) {
            if (key.enabled() && keyValue.equals(key.value())) {
                for (StoredPlan plan : plans.values()) {
                    if (plan.keyIds().contains(key.id())) {
                        return Optional.of(new Grant(plan.id(), plan.throttle()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** CreateApiKey: a new key, with a generated id and (unless given) a generated value. */
    public synchronized StoredKey createKey(String name, String description, boolean enabled, String value) {
        if (value != null && value.length() < 20) {
            throw new AwsServiceException(400, "BadRequestException",
                    "API Key value should be at least 20 characters long");
        }
        String keyValue = value == null ? random(ALPHANUMERIC, VALUE_LENGTH) : value;
        if (keys.values().stream().anyMatch(key -> key.value().equals(keyValue))) {
            throw new AwsServiceException(409, "ConflictException", "API Key already exists");
        }
        StoredKey key = new StoredKey(random(LOWER_ALPHANUMERIC, ID_LENGTH), name, keyValue, enabled, description,
                clock.instant().getEpochSecond());
        keys.put(key.id(), key);
        save();
        return key;
    }

    /** GetApiKeys: every key whose name starts with {@code nameQuery} (all when it is null), in creation order. */
    public synchronized List<StoredKey> keys(String nameQuery) {
        return keys.values().stream()
                .filter(key -> nameQuery == null || (key.name() != null && key.name().startsWith(nameQuery)))
                .toList();
    }

    /** GetApiKey. */
    public synchronized StoredKey key(String keyId) {
        StoredKey key = keys.get(keyId);
        if (key == null) {
            throw notFound("Invalid API Key identifier specified");
        }
        return key;
    }

    /** DeleteApiKey: the key goes, and with it its place in every plan. */
    public synchronized void deleteKey(String keyId) {
        if (keys.remove(keyId) == null) {
            throw notFound("Invalid API Key identifier specified");
        }
        for (StoredPlan plan : List.copyOf(plans.values())) {
            if (plan.keyIds().contains(keyId)) {
                plans.put(plan.id(), withKeys(plan, remove(plan.keyIds(), keyId)));
            }
        }
        save();
    }

    /** GetUsagePlans. */
    public synchronized List<StoredPlan> plans() {
        return List.copyOf(plans.values());
    }

    /** GetUsagePlanKey: the key when it is in the plan. */
    public synchronized StoredKey planKey(String planId, String keyId) {
        if (!plan(planId).keyIds().contains(keyId)) {
            throw notFound("Invalid API Key identifier specified");
        }
        return key(keyId);
    }

    /** GetUsagePlanKeys. */
    public synchronized List<StoredKey> planKeys(String planId) {
        return plan(planId).keyIds().stream().map(keys::get).toList();
    }

    /** CreateUsagePlanKey: a 409 when the key is in the plan already, a 404 when either does not exist. */
    public synchronized StoredKey addPlanKey(String planId, String keyId) {
        StoredPlan plan = plan(planId);
        StoredKey key = key(keyId);
        if (plan.keyIds().contains(keyId)) {
            throw new AwsServiceException(409, "ConflictException", "Usage Plan " + planId
                    + " cannot be added because API Key " + keyId + " is already in it");
        }
        plans.put(planId, withKeys(plan, add(plan.keyIds(), keyId)));
        save();
        return key;
    }

    /** DeleteUsagePlanKey. */
    public synchronized void removePlanKey(String planId, String keyId) {
        StoredPlan plan = plan(planId);
        if (!plan.keyIds().contains(keyId)) {
            throw notFound("Invalid API Key identifier specified");
        }
        plans.put(planId, withKeys(plan, remove(plan.keyIds(), keyId)));
        save();
    }

    private StoredPlan plan(String planId) {
        StoredPlan plan = plans.get(planId);
        if (plan == null) {
            throw notFound("Invalid Usage Plan ID specified");
        }
        return plan;
    }

    private static StoredPlan withKeys(StoredPlan plan, List<String> keyIds) {
        return new StoredPlan(plan.id(), plan.name(), plan.throttle(), keyIds);
    }

    private static List<String> add(List<String> ids, String id) {
        Set<String> all = new LinkedHashSet<>(ids);
        all.add(id);
        return List.copyOf(all);
    }

    private static List<String> remove(List<String> ids, String id) {
        List<String> rest = new ArrayList<>(ids);
        rest.remove(id);
        return List.copyOf(rest);
    }

    private static AwsServiceException notFound(String message) {
        return new AwsServiceException(404, "NotFoundException", message);
    }

    private String random(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private void save() {
        try {
            stateFile.save(new SavedState(List.copyOf(keys.values()), List.copyOf(plans.values())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save API Gateway's keys and plans to " + stateFile.path(), e);
        }
    }
}
