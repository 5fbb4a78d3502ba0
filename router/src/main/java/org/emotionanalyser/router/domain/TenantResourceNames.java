package org.emotionanalyser.router.domain;


/**
 * The names of one tenant's AWS resources, from the stack's resource prefix {@code P}: queue, rule and topic
 * {@code P-tenant-t}, dead-letter queue {@code P-tenant-t-dlq}.
 */
public record TenantResourceNames(String tenantId, String queueName, String deadLetterQueueName, String ruleName,
                                  String topicName) {

    /** EventBridge rule names are at most 64 characters; queue names 80 (the DLQ's is the longest name). */
    private static final int MAX_RULE_NAME = 64;
    private static final int MAX_QUEUE_NAME = 80;

    /** The names for a tenant; the id is validated first so it can never inject anything into a name. */
    public static TenantResourceNames of(String resourcePrefix, String tenantId) {
        String base = EventContract.tenantRuleName(resourcePrefix + "-", TenantId.require(tenantId));
        return new TenantResourceNames(tenantId, base, base + "-dlq", base, base);
    }

    /**
     * The longest tenant id whose names fit AWS's limits under this prefix; with a long prefix it is below the
     * 40 characters tenant ids may otherwise have.
     */
    public static int maxTenantIdLength(String resourcePrefix) {
        int overhead = (resourcePrefix + "-tenant-").length();
        return Math.min(Math.min(MAX_RULE_NAME - overhead, MAX_QUEUE_NAME - overhead - "-dlq".length()), 40);
    }
}
