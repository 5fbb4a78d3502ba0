package org.emotionanalyser.ingest;

import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.config.Environment;
import org.emotionanalyser.router.domain.EmotionRules;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest functions' environment (names and defaults in docs/conventions.md), read once through the one
 * environment reader from a map:
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

    private IngestConfig(Environment env) {
        eventBusName = env.optional(EVENT_BUS_NAME).orElse(null);
        uploadBucket = env.required(UPLOAD_BUCKET, "the bucket uploads are stored in");
        personConfidenceThreshold = confidence(env, PERSON_CONFIDENCE_THRESHOLD, 90);
        defaultEmotionThreshold = confidence(env, DEFAULT_EMOTION_THRESHOLD, 50);
        maxImageBytes = positive(env, MAX_IMAGE_BYTES, 15_728_640L);
        minImageDimension = (int) Math.min(Integer.MAX_VALUE, positive(env, MIN_IMAGE_DIMENSION, 80));
        analyzerName = env.optional(ANALYZER_NAME).orElse("rekognition");
        maxDirectUploadBytes = (int) Math.min(Integer.MAX_VALUE, positive(env, MAX_DIRECT_UPLOAD_BYTES, 4_500_000L));
        idempotencyTable = env.optional(IDEMPOTENCY_TABLE).orElse(null);
        tenantsTable = env.optional(TENANTS_TABLE).orElse(null);
        aws = AwsClientSettings.fromEnvironment(env.asMap());
    }

    /**
     * Reads the configuration.
     *
     * @throws IllegalStateException naming the variable and the fix when a value is missing or malformed
     */
    public static IngestConfig fromEnvironment(Map<String, String> env) {
        return new IngestConfig(Environment.of(env));
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

    /** The SDK client factory; per-service endpoint overrides apply to every client it builds. */
    public AwsClientSettings aws() {
        return aws;
    }

    /** Settings for S3 clients, honouring {@code AWS_ENDPOINT_URL_S3}. */
    public AwsClientSettings s3() {
        return aws.forService(AwsClientSettings.S3);
    }

    /** Settings for the Rekognition client, honouring {@code AWS_ENDPOINT_URL_REKOGNITION} ({@code aws} = real). */
    public AwsClientSettings rekognition() {
        return aws.forService(AwsClientSettings.REKOGNITION);
    }

    /**
     * Stored-object references work when Rekognition can read the bucket itself: when both run in AWS, or when one
     * local endpoint serves both S3 and Rekognition (local mode's edge, where the local analyser reads the local
     * store as Rekognition reads S3), which also spares the reader downloading and re-sending every image. Any other
     * mix (a local analyser beside real S3, real Rekognition beside a local store) gets the image as bytes.
     */
    public ImageDelivery imageDelivery() {
        Optional<URI> store = aws.forService(AwsClientSettings.S3).endpoint();
        Optional<URI> analyser = aws.forService(AwsClientSettings.REKOGNITION).endpoint();
        return store.equals(analyser) ? ImageDelivery.STORED_OBJECT : ImageDelivery.BYTES;
    }

    private static double confidence(Environment env, String name, double fallback) {
        return env.number(name, fallback, 0, EmotionRules.MAX_CONFIDENCE,
                "a number from 0 to 100, e.g. " + (int) fallback);
    }

    private static long positive(Environment env, String name, long fallback) {
        return env.wholeNumber(name, fallback, 1, Long.MAX_VALUE, "a positive whole number, e.g. " + fallback);
    }
}
