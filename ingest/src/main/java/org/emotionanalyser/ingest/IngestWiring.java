package org.emotionanalyser.ingest;

import org.emotionanalyser.ingest.adapter.DynamoDbTenantLookup;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer;
import org.emotionanalyser.ingest.adapter.S3ImageStore;
import org.emotionanalyser.ingest.adapter.S3UploadUrlSigner;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.domain.UploadService;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.aws.SdkClients;
import org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.router.adapter.EventBridgePublisher;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The ingest module's one wiring class: builds the use cases of the upload API and the reader from the environment,
 * once per function instance (in the handler's constructor, i.e. at Lambda init). Every SDK client comes from
 * {@link AwsClientSettings} with its service id, so per-service endpoint overrides apply to both functions; the
 * same use cases can be assembled over other {@link SdkClients} (the cold-start benchmark's baseline does).
 */
public final class IngestWiring {

    private static final Duration UPLOAD_S3_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration READER_S3_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REKOGNITION_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(10);

    private final IngestConfig config;
    private final SdkClients aws;

    private IngestWiring(IngestConfig config, SdkClients aws) {
        this.config = config;
        this.aws = aws;
    }

    /** The functions' wiring: clients from {@link IngestConfig#aws()}. */
    public static IngestWiring fromEnvironment(Map<String, String> env) {
        IngestConfig config = IngestConfig.fromEnvironment(env);
        return new IngestWiring(config, config.aws());
    }

    /** The same use cases over clients built by {@code clients} instead of the configuration's factory. */
    public static IngestWiring fromEnvironment(Map<String, String> env, SdkClients clients) {
        return new IngestWiring(IngestConfig.fromEnvironment(env), clients);
    }

    public IngestConfig config() {
        return config;
    }

    /** The upload API's use cases: S3 client and presigner. */
    public UploadService uploadService() {
        return new UploadService(new S3ImageStore(aws.s3(UPLOAD_S3_TIMEOUT)), new S3UploadUrlSigner(aws.s3Presigner()),
                config.uploadBucket(), config.maxDirectUploadBytes(), config.maxImageBytes());
    }

    /**
     * The reader's pipeline: S3, Rekognition (without SDK retries: the analyser retries itself), EventBridge, and
     * DynamoDB for the processed-version record and the tenant's status.
     */
    public UploadProcessor uploadProcessor() {
        RekognitionClient rekognition = aws.build(AwsClientSettings.REKOGNITION,
                RekognitionClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()),
                REKOGNITION_TIMEOUT);
        EventBridgeClient events = aws.build(AwsClientSettings.EVENTBRIDGE, EventBridgeClient.builder(),
                EVENTS_TIMEOUT);
        DynamoDbClient dynamoDbClient = aws.build(AwsClientSettings.DYNAMODB, DynamoDbClient.builder(),
                EVENTS_TIMEOUT);
        DynamoDbEnhancedClient dynamoDb = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDbClient).build();
        S3ImageStore store = new S3ImageStore(aws.s3(READER_S3_TIMEOUT));
        ImageInspector inspector = new ImageInspector(store, new ImageIoCodec(), config.imageDelivery(),
                config.maxImageBytes(), config.minImageDimension());
        return new UploadProcessor(store, inspector,
                new RekognitionFaceAnalyzer(rekognition, config.personConfidenceThreshold()),
                new EventBridgePublisher(events, config.eventBusName()),
                Clock.systemUTC(), config.analyzerName(), config.defaultEmotionThreshold(),
                new DynamoDbIdempotencyStore(dynamoDb, config.idempotencyTable()),
                new DynamoDbTenantLookup(dynamoDbClient, config.tenantsTable()));
    }
}
