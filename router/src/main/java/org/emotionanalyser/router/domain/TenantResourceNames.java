package org.emotionanalyser.router.domain;


/**
 * The names of one tenant's AWS resources, from the stack's resource prefix {@code P}: queue, rule, topic and
 * usage-plan key {@code P-tenant_t}, dead-letter queue {@code P-tenant_t_dlq}. This class is the only place these names are made.
 *
 * <p>The names are injective: no tenant id can produce another tenant's name, nor a name of the stack's own
 * resources, nor one of another stage's. Tenant ids are {@code [a-z0-9-]} and stage prefixes contain no {@code _}
 * either, so the {@code _} after {@code tenant} marks where the id starts (the first {@code _} of the name) and a
 * trailing {@code _dlq} can only be the dead-letter suffix. With a {@code -} separator (the earlier naming), tenant
 * {@code acme-dlq}'s queue was tenant {@code acme}'s dead-letter queue.
 */
public record TenantResourceNames(String tenantId, String queueName, String deadLetterQueueName, String ruleName,
                                  String topicName) {

    /** Between the prefix and the tenant id; the {@code _} can appear in neither. */
    public static final String TENANT_MARK = "-tenant_";
    /** After the tenant id in the dead-letter queue's name. */
    public static final String DEAD_LETTER_SUFFIX = "_dlq";
    /** EventBridge rule names are at most 64 characters, queue names 80, topic names 256. */
    private static final int MAX_RULE_NAME = 64;
    private static final int MAX_QUEUE_NAME = 80;
    private static final int MAX_TOPIC_NAME = 256;
    private static final int MAX_TENANT_ID = 40;

    /**
     * The names for a tenant; the id is validated first so it can never inject anything into a name.
     *
     * @throws IllegalArgumentException when the prefix contains {@code _}, which would make names ambiguous
     */
    public static TenantResourceNames of(String resourcePrefix, String tenantId) {
        String base = namePrefix(resourcePrefix) + TenantId.require(tenantId);
        return new TenantResourceNames(tenantId, base, base + DEAD_LETTER_SUFFIX, base, base);
    }

    /**
     * The name of the tenant's API Gateway usage-plan key: {@code P-tenant_t}, like its queue, rule and topic (API
     * key names may have up to 1,024 characters, and live in their own name space).
     */
    public String apiKeyName() {
        return ruleName;
    }

    /** The start every tenant resource name of this stack shares ({@code P-tenant_}), as IAM grants name it. */
    public static String namePrefix(String resourcePrefix) {
        if (resourcePrefix == null || resourcePrefix.isEmpty() || resourcePrefix.indexOf('_') >= 0) {
            throw new IllegalArgumentException("RESOURCE_PREFIX must be non-empty and contain no '_' "
                    + "(tenant resource names use '_' to mark where the tenant id starts)");
        }
        return resourcePrefix + TENANT_MARK;
    }

    /**
     * The longest tenant id whose names fit AWS's limits under this prefix; with a long prefix it is below the
     * 40 characters tenant ids may otherwise have.
     */
    public static int maxTenantIdLength(String resourcePrefix) {
        int overhead = namePrefix(resourcePrefix).length();
        int byRule = MAX_RULE_NAME - overhead;
        int byQueue = MAX_QUEUE_NAME - overhead - DEAD_LETTER_SUFFIX.length();
        int byTopic = MAX_TOPIC_NAME - overhead;
        return Math.min(Math.min(Math.min(byRule, byQueue), byTopic), MAX_TENANT_ID);
    }
}
