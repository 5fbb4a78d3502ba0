package org.emotionanalyser.local.runtime;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.ingest.IngestConfig;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer;
import org.emotionanalyser.ingest.adapter.S3ImageStore;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.handler.ReaderHandler;
import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import org.emotionanalyser.router.adapter.EventBridgePublisher;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.StoredObject;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.router.port.EventPublisher;
import org.emotionanalyser.tenants.TenantsConfig;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.adapter.S3ImageLinks;
import org.emotionanalyser.tenants.adapter.SnsNotifier;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.tenants.handler.TenantConsumerHandler;
import org.emotionanalyser.tenants.port.Notifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A function killed at the worst moment, against the whole local runtime: the consumer after the table write and
 * before SNS Publish (and after SNS accepted it), the reader after the analysis and before PutEvents. The killed
 * instance is the project's handler wired to the runtime's real services with a fault at that point; the recovery
 * is what Lambda does next (a redelivery to the runtime's own consumer, a retry of the reader's invocation).
 * Prints {@code RELIABILITY |} lines for {@code BENCHMARKS.md}.
 */
class CrashReliabilityIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "emotion-analyser-local-";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static TestAwsClients aws;
    private static PipelineClient client;

    @BeforeAll
    static void start() {
        runtime = LocalRuntime.start(LocalPipelineIntegrationTest.projectStack(dataDir.resolve("data"), false));
        aws = new TestAwsClients(runtime);
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
    }

    @AfterAll
    static void stop() {
        if (aws != null) {
            aws.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    /** The function process dies: nothing after this point runs, no catch block, no release. */
    private static final class Killed extends Error {
        Killed(String where) {
            super("killed " + where);
        }
    }

    @Test
    void consumer_whenKilledAfterTheTableWrite_expectTheRedeliveryToNotifyOnceWithOneStableNotificationId()
            throws Exception {
        String beforePublish = "killed-before";
        String afterAccepted = "killed-after";
        Map<String, String> subscribers = new HashMap<>();
        for (String tenant : List.of(beforePublish, afterAccepted)) {
            client.createTenant(tenant);
            subscribers.put(tenant, aws.subscriberQueue(runtime, tenant));
            // Redeliveries every 10 s instead of 180 s: the fifth receive (then the DLQ) still comes after the
            // killed delivery's 30 s lease, as with the real setting.
            aws.sqs().setQueueAttributes(b -> b.queueUrl(aws.queueUrl(PREFIX + "tenant_" + tenant))
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10")));
        }
        AnalysisEvent first = event(beforePublish);
        AnalysisEvent second = event(afterAccepted);
        AtomicInteger published = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> consumer((topic, notification) -> {
            throw new Killed("after the table write, before SNS Publish");
        }).handleRequest(sqsEvent(first), null)).isInstanceOf(Killed.class);
        assertThatThrownBy(() -> consumer((topic, notification) -> {
            new SnsNotifier(sns()).publish(topic, notification);
            published.incrementAndGet();
            throw new Killed("after SNS accepted the message");
        }).handleRequest(sqsEvent(second), null)).isInstanceOf(Killed.class);
        assertThat(PipelineReliabilityIntegrationTest.rowCount(aws, beforePublish)).isEqualTo(1);
        // Lambda redelivers the unacknowledged messages: here, to the runtime's own consumer via the bus.
        EventBridgePublisher bus = new EventBridgePublisher(eventBridge(), PREFIX + "bus");
        bus.publish(first);
        bus.publish(second);
        List<Message> notifiedOnce = aws.receive(subscribers.get(beforePublish), 1, Duration.ofSeconds(90));
        List<Message> notifiedTwice = aws.receive(subscribers.get(afterAccepted), 2, Duration.ofSeconds(90));
        double seconds = (System.nanoTime() - started) / 1e9;
        LocalRuntimeIntegrationTest.sleep(3_000);

        assertThat(aws.peek(subscribers.get(beforePublish))).as("second notification").isEmpty();
        assertThat(aws.peek(subscribers.get(afterAccepted))).as("third notification").isEmpty();
        assertThat(PipelineReliabilityIntegrationTest.rowCount(aws, beforePublish)).isEqualTo(1);
        assertThat(PipelineReliabilityIntegrationTest.rowCount(aws, afterAccepted)).isEqualTo(1);
        assertThat(published).hasValue(1);
        List<String> ids = new ArrayList<>();
        for (Message message : notifiedTwice) {
            JsonNode envelope = JSON.readTree(message.body());
            ids.add(envelope.path("MessageAttributes").path("notificationId").path("Value").asText());
        }
        assertThat(ids).hasSize(2).doesNotContain("").containsOnly(ids.get(0));
        PipelineReliabilityIntegrationTest.report("consumer killed after table write", "beforePublish: rows=1 "
                + "notifications=" + notifiedOnce.size() + "; afterSnsAccepted: rows=1 notifications="
                + notifiedTwice.size() + " distinctNotificationIds=" + ids.stream().distinct().count()
                + " secondsToRecover=" + PipelineReliabilityIntegrationTest.round(seconds));
    }

    @Test
    void reader_whenKilledAfterAnalysisBeforePutEvents_expectTheRetryToRecordTheImageOnce() throws Exception {
        String tenant = "reader-killed";
        String key = client.createTenant(tenant);
        String subscriber = aws.subscriberQueue(runtime, tenant);
        // Its own bucket, without the upload bucket's notification, so only the reader under test sees it.
        String bucket = "reliability-reader-killed";
        aws.s3().createBucket(b -> b.bucket(bucket));
        Path photo = PipelineClient.photo("sample2.jpg");
        String objectKey = "uploads/" + tenant + "/sample2.jpg";
        String eTag = aws.s3().putObject(b -> b.bucket(bucket).key(objectKey).contentType("image/jpeg"), photo)
                .eTag().replace("\"", "");
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
                .fromJson("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\""
                        + runtime.region() + "\",\"eventTime\":\"" + Instant.now() + "\",\"eventName\":"
                        + "\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\""
                        + bucket + "\",\"arn\":\"arn:aws:s3:::" + bucket + "\"},\"object\":{\"key\":\""
                        + objectKey + "\",\"size\":" + java.nio.file.Files.size(photo) + ",\"eTag\":\"" + eTag
                        + "\"}}}]}");
        AtomicInteger analyses = new AtomicInteger();
        AtomicBoolean kill = new AtomicBoolean(true);
        long started = System.nanoTime();

        assertThatThrownBy(() -> reader(analyses, kill, Clock.systemUTC()).handleRequest(event, null))
                .isInstanceOf(Killed.class);
        // Lambda retries the invocation that died, with the same event. The dead invocation could not release its
        // claim on the version, so a retry within the claim's lease is refused (VersionInProgressException) and
        // Lambda retries again later: the retry that gets through comes after the lease, as simulated by its clock.
        reader(analyses, kill, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3))).handleRequest(event, null);
        String imageId = ImageId.forObject(bucket, objectKey, eTag);
        JsonNode image = client.awaitAnalysed(tenant, key, imageId, Duration.ofSeconds(60));
        List<Message> notifications = aws.receive(subscriber, 1, Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        LocalRuntimeIntegrationTest.sleep(2_000);

        assertThat(image.path("status").asText()).isEqualTo("ANALYZED");
        assertThat(PipelineReliabilityIntegrationTest.rowCount(aws, tenant)).isEqualTo(1);
        assertThat(aws.peek(subscriber)).as("second notification").isEmpty();
        assertThat(analyses).as("the killed invocation's analysis is paid again by the retry").hasValue(2);
        PipelineReliabilityIntegrationTest.report("reader killed before PutEvents", "rows=1 notifications="
                + notifications.size() + " analysesPaid=" + analyses.get() + " secondsToRecord="
                + PipelineReliabilityIntegrationTest.round(seconds));
    }

    // ---- the killed instances: the project's handlers, wired to the runtime's services ----

    private static TenantConsumerHandler consumer(Notifier notifier) {
        TenantsConfig config = TenantsConfig.fromEnvironment(environment("TenantConsumerFunction"));
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(config.environment());
        DynamoDbEnhancedClient dynamoDb = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(settings.build(DynamoDbClient.builder(), CALL_TIMEOUT)).build();
        AnalysisRecorder recorder = new AnalysisRecorder(
                new DynamoDbTenantDirectory(dynamoDb, config.tenantsTable(), config.defaultEmotionThreshold(),
                        config.defaultRetentionDays()),
                new DynamoDbImageCatalogue(dynamoDb, config.imagesTable()),
                new DynamoDbEmotionTimeline(dynamoDb, config::emotionTable),
                notifier,
                new DynamoDbIdempotencyStore(dynamoDb, config.idempotencyTable()),
                new S3ImageLinks(settings.s3Presigner(), config.uploadBucket()),
                Clock.systemUTC());
        return new TenantConsumerHandler(recorder, config.resourcePrefix());
    }

    private static ReaderHandler reader(AtomicInteger analyses, AtomicBoolean kill, Clock clock) {
        Map<String, String> env = environment("ReaderFunction");
        IngestConfig config = IngestConfig.fromEnvironment(env);
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(env);
        S3ImageStore store = new S3ImageStore(settings.build(S3Client.builder().forcePathStyle(true), CALL_TIMEOUT));
        RekognitionFaceAnalyzer rekognition = new RekognitionFaceAnalyzer(settings.build(
                RekognitionClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()), CALL_TIMEOUT),
                config.personConfidenceThreshold());
        EventPublisher bus = new EventBridgePublisher(eventBridge(), config.eventBusName());
        EventPublisher killedBeforePutEvents = new EventPublisher() {
            @Override
            public void publish(List<? extends AnalysisEvent> events) {
                if (kill.getAndSet(false)) {
                    throw new Killed("after the analysis, before PutEvents");
                }
                bus.publish(events);
            }
        };
        return new ReaderHandler(new UploadProcessor(store,
                new ImageInspector(store, new ImageIoCodec(), config.imageDelivery(), config.maxImageBytes(),
                        config.minImageDimension()),
                (image, budget) -> {
                    analyses.incrementAndGet();
                    return rekognition.analyze(image, budget);
                },
                killedBeforePutEvents, clock, "local", config.defaultEmotionThreshold(),
                new DynamoDbIdempotencyStore(DynamoDbEnhancedClient.builder()
                        .dynamoDbClient(settings.build(DynamoDbClient.builder(), CALL_TIMEOUT)).build(),
                        config.idempotencyTable()),
                tenantId -> true));
    }

    /** A function's environment as the runtime gives it: the template's, pointed at the local services. */
    private static Map<String, String> environment(String logicalId) {
        FunctionDefinition function = runtime.stack().functions().stream()
                .filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
        Map<String, String> env = new HashMap<>(function.environment());
        env.put("AWS_REGION", runtime.region());
        env.put("AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("ANALYZER_NAME", "local");
        return env;
    }

    private static SnsClient sns() {
        return AwsClientSettings.fromEnvironment(environment("TenantConsumerFunction"))
                .build(SnsClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()), CALL_TIMEOUT);
    }

    private static EventBridgeClient eventBridge() {
        return AwsClientSettings.fromEnvironment(environment("ReaderFunction"))
                .build(EventBridgeClient.builder(), CALL_TIMEOUT);
    }

    private static AnalysisEvent event(String tenant) {
        String imageId = ImageId.forObject("bucket", "uploads/" + tenant + "/crash.jpg", "etag");
        return ImageAnalyzed.of(tenant, imageId, new StoredObject("bucket", "uploads/" + tenant + "/" + imageId
                + ".jpg", 1000, "etag", "image/jpeg"), Instant.now(), "local", new PersonDetection(true, 99),
                List.of(Face.of(new BoundingBox(0.1, 0.1, 0.3, 0.3), 99,
                        List.of(new EmotionScore(Emotion.SURPRISED, 90)), null, 50)));
    }

    /** The SQS event Lambda would hand the consumer for this event on its tenant's queue. */
    private static SQSEvent sqsEvent(AnalysisEvent event) throws Exception {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(java.util.UUID.randomUUID().toString());
        message.setEventSourceArn("arn:aws:sqs:" + runtime.region() + ":000000000000:" + PREFIX + "tenant_"
                + event.tenantId());
        Map<String, Object> envelope = new HashMap<>();
        envelope.put("version", "0");
        envelope.put("id", java.util.UUID.randomUUID().toString());
        envelope.put("detail-type", event.detailType());
        envelope.put("source", "emotion-analyser.ingest");
        envelope.put("account", "000000000000");
        envelope.put("time", Instant.now().toString());
        envelope.put("region", runtime.region());
        envelope.put("resources", List.of());
        envelope.put("detail", JSON.readTree(EventJson.toJson(event)));
        message.setBody(JSON.writeValueAsString(envelope));
        SQSEvent sqs = new SQSEvent();
        sqs.setRecords(List.of(message));
        return sqs;
    }


}
