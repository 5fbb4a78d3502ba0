package org.emotionanalyser.ingest;

import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.emotionanalyser.router.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.EmotionRules;

import java.util.Map;

/**
 * The ingest functions' environment (names and defaults in docs/conventions.md), read once from a map:
 * {@code System.getenv()} in Lambda, the local runtime's map in local mode. Values that only one function needs
 * ({@code EVENT_BUS_NAME} for the reader) are checked when that function asks for them.
 */
public final class IngestConfig {

    public static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    public static final String UPLOAD_BUCKET = "UPLOAD_BUCKET";
    public static final String PERSON_CONFIDENCE_THRESHOLD = "PERSON_CONFIDENCE_THRESHOLD";
    public static final String DEFAULT_EMOTION_THRESHOLD = "DEFAULT_EMOTION_THRESHOLD";
    public static final String MAX_IMAGE_BYTES = "MAX_IMAGE_BYTES";
    public static final String MIN_IMAGE_DIMENSION = "MIN_IMAGE_DIMENSION";
    public static final String ANALYZER_NAME = "ANALYZER_NAME";
    public static final String MAX_DIRECT_UPLOAD_BYTES = "MAX_DIRECT_UPLOAD_BYTES";
    public static final String IDEMPOTENCY_TABLE = "IDEMPOTENCY_TABLE";
    public static final String TENANTS_TABLE = "TENANTS_TABLE";

    private static final String REKOGNITION = "REKOGNITION";
    private static final String S3 = "S3";

    private final String eventBusName;
    private final String uploadBucket;
    private final double personConfidenceThreshold;
    private final double defaultEmotionThreshold;
    private final long maxImageBytes;
    private final int minImageDimension;
    private final String analyzerName;
    private final int maxDirectUploadBytes;
    private final String idempotencyTable;
    private final String tenantsTable;
    private final AwsClientSettings aws;
    private final AwsClientSettings s3;
    private final AwsClientSettings rekognition;

    private IngestConfig(Map<String, String> env) {
        eventBusName = trimmed(env.get(EVENT_BUS_NAME));
        uploadBucket = required(env, UPLOAD_BUCKET, "the bucket uploads are stored in");
        personConfidenceThreshold = confidence(env, PERSON_CONFIDENCE_THRESHOLD, 90);
        defaultEmotionThreshold = confidence(env, DEFAULT_EMOTION_THRESHOLD, 50);
        maxImageBytes = positive(env, MAX_IMAGE_BYTES, 15_728_640L);
        minImageDimension = (int) positive(env, MIN_IMAGE_DIMENSION, 80);
        String analyzer = trimmed(env.get(ANALYZER_NAME));
        analyzerName = analyzer == null ? "rekognition" : analyzer;
        maxDirectUploadBytes = (int) Math.min(Integer.MAX_VALUE, positive(env, MAX_DIRECT_UPLOAD_BYTES, 4_500_000L));
        idempotencyTable = trimmed(env.get(IDEMPOTENCY_TABLE));
        tenantsTable = trimmed(env.get(TENANTS_TABLE));
        aws = AwsClientSettings.fromEnvironment(env);
        s3 = aws.forService(env, S3);
        rekognition = aws.forService(env, REKOGNITION);
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalStateException naming the variable and the fix when a value is missing or malformed
     */
    public static IngestConfig fromEnvironment(Map<String, String> env) {
        return new IngestConfig(env);
    }

    /** The bus the reader publishes to. */
    public String eventBusName() {
        if (eventBusName == null) {
            throw new IllegalStateException(EVENT_BUS_NAME + " is not set; set it to the name of the event bus the "
                    + "reader publishes to, e.g. emotion-analyser-dev-bus");
        }
        return eventBusName;
    }

    public String uploadBucket() {
        return uploadBucket;
    }

    public double personConfidenceThreshold() {
        return personConfidenceThreshold;
    }

    public double defaultEmotionThreshold() {
        return defaultEmotionThreshold;
    }

    public long maxImageBytes() {
        return maxImageBytes;
    }

    public int minImageDimension() {
        return minImageDimension;
    }

    /** The {@code analyzer} field of published events. */
    public String analyzerName() {
        return analyzerName;
    }

    /**
     * The table where the reader records the object versions it has processed (shared with the tenant consumer,
     * keys {@code reader#...}); required by the reader only.
     */
    public String idempotencyTable() {
        if (idempotencyTable == null) {
            throw new IllegalStateException(IDEMPOTENCY_TABLE + " is not set; set it to the idempotency table's "
                    + "name, e.g. emotion-analyser-dev-idempotency");
        }
        return idempotencyTable;
    }

    /** The tenant registry, which the reader asks whether an upload's tenant is being deleted; reader only. */
    public String tenantsTable() {
        if (tenantsTable == null) {
            throw new IllegalStateException(TENANTS_TABLE + " is not set; set it to the tenants table's name, e.g. "
                    + "emotion-analyser-dev-tenants");
        }
        return tenantsTable;
    }

    public int maxDirectUploadBytes() {
        return maxDirectUploadBytes;
    }

    /** Settings for EventBridge and every client without a service override. */
    public AwsClientSettings aws() {
        return aws;
    }

    /** Settings for S3 clients, honouring {@code AWS_ENDPOINT_URL_S3}. */
    public AwsClientSettings s3() {
        return s3;
    }

    /** Settings for the Rekognition client, honouring {@code AWS_ENDPOINT_URL_REKOGNITION} ({@code aws} = real). */
    public AwsClientSettings rekognition() {
        return rekognition;
    }

    /**
     * Stored-object references only work when Rekognition can read the bucket itself, i.e. when both run in AWS.
     * With any local endpoint (local mode, local analyser, or real Rekognition next to a local store) images are
     * sent as bytes.
     */
    public ImageDelivery imageDelivery() {
        return s3.endpoint().isEmpty() && rekognition.endpoint().isEmpty()
                ? ImageDelivery.STORED_OBJECT : ImageDelivery.BYTES;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String required(Map<String, String> env, String name, String meaning) {
        String value = trimmed(env.get(name));
        if (value == null) {
            throw new IllegalStateException(name + " is not set; set it to " + meaning);
        }
        return value;
    }

    private static double confidence(Map<String, String> env, String name, double fallback) {
        String value = trimmed(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            EmotionRules.requireValidThreshold(parsed);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " must be a number from 0 to 100, e.g. " + (int) fallback, e);
        }
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        String value = trimmed(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted form
        }
        throw new IllegalStateException(name + " must be a positive whole number, e.g. " + fallback);
    }
}
