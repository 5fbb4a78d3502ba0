package org.emotionanalyser.tenants;

import org.emotionanalyser.lambdasupport.config.Environment;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionRules;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenants module's environment, read through the one environment reader from a map ({@link System#getenv()} in Lambda, a map in local mode).
 *
 * <p>Each function of the module needs a different subset of the variables, so required variables are checked when
 * they are first asked for: the consumer does not fail because {@code ADMIN_KEY_SHA256} (the authorizer's) is unset.
 * A missing required variable raises an {@link IllegalStateException} naming it. Numeric variables with defaults are
 * checked at construction, since a malformed number is wrong for every function.
 */
public final class TenantsConfig {

    public static final String RESOURCE_PREFIX = "RESOURCE_PREFIX";
    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    public static final String TENANTS_TABLE = "TENANTS_TABLE";
    public static final String IMAGES_TABLE = "IMAGES_TABLE";
    public static final String EMOTION_TABLE_PREFIX = "EMOTION_TABLE_PREFIX";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String CONSUMER_FUNCTION_ARN = "CONSUMER_FUNCTION_ARN";
    public static final String ADMIN_KEY_SECRET_ID = "ADMIN_KEY_SECRET_ID";
    public static final String ADMIN_KEY_SHA256 = "ADMIN_KEY_SHA256";
    public static final String DEFAULT_EMOTION_THRESHOLD = "DEFAULT_EMOTION_THRESHOLD";
    public static final String DEFAULT_RETENTION_DAYS = "DEFAULT_RETENTION_DAYS";
    public static final String DLQ_MAX_RECEIVE_COUNT = "DLQ_MAX_RECEIVE_COUNT";
    public static final String ALARM_TOPIC_ARN = "ALARM_TOPIC_ARN";
    public static final String TENANT_USAGE_PLAN_NAME = "TENANT_USAGE_PLAN_NAME";
    public static final String ADMIN_USAGE_KEY = "ADMIN_USAGE_KEY";

    private static final double DEFAULT_THRESHOLD_VALUE = 50;
    private static final int DEFAULT_RETENTION_VALUE = 30;
    private static final int DEFAULT_MAX_RECEIVE_VALUE = 5;
    /** SQS accepts a redrive maxReceiveCount from 1 to 1000. */
    private static final int MAX_RECEIVE_LIMIT = 1000;

    private final Environment env;
    private final double defaultEmotionThreshold;
    private final int defaultRetentionDays;
    private final int dlqMaxReceiveCount;

    private TenantsConfig(Environment env) {
        this.env = env;
        this.defaultEmotionThreshold = env.number(DEFAULT_EMOTION_THRESHOLD, DEFAULT_THRESHOLD_VALUE, 0,
                EmotionRules.MAX_CONFIDENCE, "a confidence from 0 to 100, e.g. 50");
        this.defaultRetentionDays = (int) env.wholeNumber(DEFAULT_RETENTION_DAYS, DEFAULT_RETENTION_VALUE, 0,
                Integer.MAX_VALUE, "a number of days, 0 to keep forever");
        this.dlqMaxReceiveCount = (int) env.wholeNumber(DLQ_MAX_RECEIVE_COUNT, DEFAULT_MAX_RECEIVE_VALUE, 1,
                MAX_RECEIVE_LIMIT, "a receive count from 1 to 1000");
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalStateException when a numeric variable is set but malformed or out of range
     */
    public static TenantsConfig fromEnvironment(Map<String, String> env) {
        return new TenantsConfig(Environment.of(env));
    }

    /** The environment this configuration was read from, e.g. for {@code AwsClientSettings.fromEnvironment}. */
    public Map<String, String> environment() {
        return env.asMap();
    }

    /** Prefix of per-tenant resources, e.g. {@code emotion-analyser-dev}. */
    public String resourcePrefix() {
        return required(RESOURCE_PREFIX, "the stack's resource prefix, e.g. emotion-analyser-dev");
    }

    /** The custom event bus the per-tenant rules live on. */
    public String eventBusName() {
        return required(EVENT_BUS_NAME, "the name of the stack's custom event bus");
    }

    /** The bucket holding uploads and exports. */
    public String uploadBucket() {
        return required(UPLOAD_BUCKET, "the name of the images bucket");
    }

    public String tenantsTable() {
        return required(TENANTS_TABLE, "the tenants table name, e.g. emotion-analyser-dev-tenants");
    }

    public String imagesTable() {
        return required(IMAGES_TABLE, "the images table name, e.g. emotion-analyser-dev-images");
    }

    public String emotionTablePrefix() {
        return required(EMOTION_TABLE_PREFIX, "the per-emotion table prefix, e.g. emotion-analyser-dev-emotion-");
    }

    /** The per-emotion table of one emotion: prefix + lowercase emotion. */
    public String emotionTable(Emotion emotion) {
        return emotionTablePrefix() + emotion.resourceSuffix();
    }

    public String idempotencyTable() {
        return required(IDEMPOTENCY_TABLE, "the idempotency table name, e.g. emotion-analyser-dev-idempotency");
    }

    /** The consumer function every tenant queue's event source mapping targets. */
    public String consumerFunctionArn() {
        return required(CONSUMER_FUNCTION_ARN, "the ARN of the tenant consumer function");
    }

    /**
     * The Secrets Manager secret (ARN or name) holding the admin API key, when set: how the stack passes it in AWS.
     * The authorizer reads it once, at init.
     */
    public Optional<String> adminKeySecretId() {
        return env.optional(ADMIN_KEY_SECRET_ID);
    }

    /**
     * Hex SHA-256 of the admin API key, used when {@link #adminKeySecretId()} is not set: local mode (which keeps
     * its generated key in its data directory) and tests.
     */
    public String adminKeySha256() {
        return required(ADMIN_KEY_SHA256, "the hex SHA-256 of the admin API key (local mode), or set "
                + ADMIN_KEY_SECRET_ID + " to the secret holding the key (AWS)");
    }

    /**
     * The name of the API Gateway usage plan each tenant's usage key is added to (its per-tenant throttle). A name,
     * not the id: the template cannot pass the id to the admin function without a circular dependency.
     */
    public String tenantUsagePlanName() {
        return required(TENANT_USAGE_PLAN_NAME, "the name of the tenants' API Gateway usage plan, e.g. "
                + "emotion-analyser-dev-tenants (the template's TenantUsagePlan)");
    }

    /**
     * The usage-plan key the authorizer returns for the admin key (and, until they have their own, for tenants
     * created before per-tenant throttling): a key in a plan with no per-key throttle, so the admin is never
     * throttled with the tenants. Not a credential: the API reads usage keys from the authorizer only.
     */
    public String adminUsageKey() {
        return required(ADMIN_USAGE_KEY, "the value of the admin's API Gateway usage-plan key (the template's "
                + "AdminUsageKey)");
    }

    /** Face emotion confidence (0 to 100) below which a face counts as OTHER, for tenants without their own. */
    public double defaultEmotionThreshold() {
        return defaultEmotionThreshold;
    }

    /** Days results and uploads are kept for tenants without their own setting; 0 keeps them. */
    public int defaultRetentionDays() {
        return defaultRetentionDays;
    }

    /** Receives before a tenant message moves to its dead-letter queue. */
    /**
     * The topic each tenant DLQ's alarm notifies; empty when tenant DLQs get no alarm (local mode, which has no
     * CloudWatch).
     */
    public java.util.Optional<String> alarmTopicArn() {
        String value = environment().get(ALARM_TOPIC_ARN);
        return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
    }

    public int dlqMaxReceiveCount() {
        return dlqMaxReceiveCount;
    }

    private String required(String name, String meaning) {
        return env.required(name, meaning);
    }
}
