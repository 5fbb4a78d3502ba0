package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import org.emotionanalyser.router.adapter.EventBridgePublisher;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.StoredObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery under a bad day, against the whole local runtime (the project's template, the real handlers, DynamoDB
 * Local, ElasticMQ, local S3/EventBridge/SNS and the local analyser). Each test prints one {@code RELIABILITY |}
 * line with its figures; they are recorded in the "Reliability" table of {@code BENCHMARKS.md}.
 */
class PipelineReliabilityIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "emotion-analyser-local-";

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

    @Test
    void delivery_whenEveryEventArrivesTwiceAndOutOfOrder_expectOneRowAndOneNotificationPerImage() {
        String tenant = "twice";
        client.createTenant(tenant);
        String subscriber = aws.subscriberQueue(runtime, tenant);
        int images = 20;
        List<AnalysisEvent> events = new ArrayList<>();
        Instant base = Instant.parse("2026-11-21T10:00:00Z");
        for (int i = 0; i < images; i++) {
            String imageId = ImageId.forObject("bucket", "uploads/" + tenant + "/" + i + ".jpg", "etag" + i);
            StoredObject object = new StoredObject("bucket", "uploads/" + tenant + "/" + imageId + ".jpg", 1000,
                    "etag" + i, "image/jpeg");
            Face happy = Face.of(new BoundingBox(0.1, 0.1, 0.2, 0.2), 99,
                    List.of(new EmotionScore(Emotion.HAPPY, 95)), null, 50);
            // The second copy carries a later analysis time, as a retried reader's would.
            events.add(ImageAnalyzed.of(tenant, imageId, object, base.plusSeconds(i), "local",
                    new PersonDetection(true, 99), List.of(happy)));
            events.add(ImageAnalyzed.of(tenant, imageId, object, base.plusSeconds(1000 + i), "local",
                    new PersonDetection(true, 99), List.of(happy, happy)));
        }
        Collections.shuffle(events, new Random(12));
        EventBridgePublisher bus = new EventBridgePublisher(awsClients().eventBridge(), PREFIX + "bus");
        long started = System.nanoTime();

        for (AnalysisEvent event : events) {
            bus.publish(event);
        }
        awaitRows(tenant, images, Duration.ofSeconds(90));
        List<Message> notifications = aws.receive(subscriber, images, Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        LocalRuntimeIntegrationTest.sleep(3_000);
        List<Message> late = aws.peek(subscriber);

        assertThat(rowCount(tenant)).isEqualTo(images);
        assertThat(late).as("second notifications").isEmpty();
        Map<String, Integer> perImage = new HashMap<>();
        for (Message notification : notifications) {
            perImage.merge(body(notification).path("imageId").asText(), 1, Integer::sum);
        }
        assertThat(perImage).hasSize(images).allSatisfy((image, count) -> assertThat(count).isEqualTo(1));
        report("duplicate+out-of-order delivery", "events=" + events.size() + " images=" + images + " rows="
                + rowCount(tenant) + " notifications=" + notifications.size() + " seconds=" + round(seconds));
    }

    @Test
    void uploads_when500ArriveOver5TenantsAtFullSpeed_expectExactCountsPerTenant() throws Exception {
        List<String> tenants = List.of("burst-a", "burst-b", "burst-c", "burst-d", "burst-e");
        Map<String, String> keys = new HashMap<>();
        for (String tenant : tenants) {
            keys.put(tenant, client.createTenant(tenant));
        }
        int perTenant = 100;
        // One upload in five is analysed; the others are under the 80 px minimum and rejected by the reader before
        // analysis. Every one still crosses the whole pipeline (API, S3, reader, bus, tenant queue, consumer), and
        // the suite stays within CI's budget on two cores (the analysis is what costs: ~0.3 s an image there).
        int analysedPerTenant = perTenant / 5;
        ExecutorService uploaders = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<Future<String>> uploads = new ArrayList<>();
        for (int i = 0; i < perTenant; i++) {
            for (String tenant : tenants) {
                Path photo = i % 5 == 0 ? ReliabilityImages.small(dataDir, tenant + "-" + i)
                        : ReliabilityImages.tooSmall(dataDir, tenant + "-" + i);
                uploads.add(uploaders.submit(() -> client.upload(tenant, keys.get(tenant), photo)));
            }
        }
        Set<String> ids = new HashSet<>();
        for (Future<String> upload : uploads) {
            ids.add(upload.get());
        }
        uploaders.shutdown();
        double uploadSeconds = (System.nanoTime() - started) / 1e9;
        for (String tenant : tenants) {
            awaitRows(tenant, perTenant, Duration.ofSeconds(420));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LocalRuntimeIntegrationTest.sleep(2_000);

        assertThat(ids).hasSize(tenants.size() * perTenant);
        Map<String, Integer> counts = new HashMap<>();
        for (String tenant : tenants) {
            counts.put(tenant, rowCount(tenant));
            assertThat(rowCount(aws, tenant, "ANALYZED")).as(tenant).isEqualTo(analysedPerTenant);
        }
        assertThat(counts).allSatisfy((tenant, count) -> assertThat(count).as(tenant).isEqualTo(perTenant));
        report("500 uploads over 5 tenants", "uploads=" + ids.size() + " rowsPerTenant=" + counts.values()
                + " analysedPerTenant=" + analysedPerTenant + " uploadSeconds=" + round(uploadSeconds)
                + " untilAllRecordedSeconds=" + round(seconds) + " uploadsPerSecond=" + round(ids.size() / seconds));
    }

    @Test
    void consumer_whenMessagesKeepFailing_expectTenantDlqAfterMaxReceivesThenRedriveRecordsThemOnce() {
        String tenant = "poison";
        client.createTenant(tenant);
        String queue = aws.queueUrl(PREFIX + "tenant_" + tenant);
        String dlq = aws.queueUrl(PREFIX + "tenant_" + tenant + "_dlq");
        String dlqArn = arn(dlq);
        // Short visibility so the five receives take seconds; the mapping honours the queue's setting.
        aws.sqs().setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        String topicArn = "arn:aws:sns:" + runtime.region() + ":000000000000:" + PREFIX + "tenant_" + tenant;
        // The fault: somebody deleted the tenant's topic, so every publish fails until it is recreated.
        aws.sns().deleteTopic(b -> b.topicArn(topicArn));
        int poisoned = 3;
        EventBridgePublisher bus = new EventBridgePublisher(awsClients().eventBridge(), PREFIX + "bus");
        List<String> imageIds = new ArrayList<>();
        for (int i = 0; i < poisoned; i++) {
            String imageId = ImageId.forObject("bucket", "uploads/" + tenant + "/" + i + ".jpg", "p" + i);
            imageIds.add(imageId);
            bus.publish(ImageAnalyzed.of(tenant, imageId, new StoredObject("bucket", "uploads/" + tenant + "/"
                    + imageId + ".jpg", 10, "p" + i, "image/jpeg"), Instant.now(), "local",
                    new PersonDetection(false, 0), List.of()));
        }
        long started = System.nanoTime();

        List<Message> deadLettered = awaitVisible(dlq, poisoned, Duration.ofSeconds(120));
        double toDlqSeconds = (System.nanoTime() - started) / 1e9;
        assertThat(deadLettered).hasSize(poisoned);
        assertThat(rowCount(tenant)).as("rows are written before the publish fails").isEqualTo(poisoned);
        // The fix, then the documented redrive (tenants README): recreate the topic, subscribe again, move back.
        String recreated = aws.sns().createTopic(b -> b.name(PREFIX + "tenant_" + tenant)).topicArn();
        assertThat(recreated).isEqualTo(topicArn);
        String subscriber = aws.sqs().createQueue(b -> b.queueName(tenant + "-after-fix")).queueUrl();
        QueueAccess.allowTopics(aws.sqs(), subscriber, topicArn);
        aws.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn(subscriber)));
        long redriveStarted = System.nanoTime();
        aws.sqs().startMessageMoveTask(b -> b.sourceArn(dlqArn));
        List<Message> notifications = aws.receive(subscriber, poisoned, Duration.ofSeconds(60));
        double redriveSeconds = (System.nanoTime() - redriveStarted) / 1e9;
        LocalRuntimeIntegrationTest.sleep(2_000);

        assertThat(aws.peek(subscriber)).as("second notifications").isEmpty();
        assertThat(notifications).extracting(m -> body(m).path("imageId").asText())
                .containsExactlyInAnyOrderElementsOf(imageIds);
        assertThat(rowCount(tenant)).isEqualTo(poisoned);
        assertThat(visible(dlq)).isZero();
        report("poison messages -> DLQ -> redrive", "messages=" + poisoned + " toDlqSeconds="
                + round(toDlqSeconds) + " redriveToNotifiedSeconds=" + round(redriveSeconds) + " notifications="
                + notifications.size());
    }

    @Test
    void reader_whenTheAnalyserAnswersThrottlingTo30PercentOfCalls_expectEveryImageStillAnalysed() throws Exception {
        String tenant = "throttled";
        String key = client.createTenant(tenant);
        String bucket = "reliability-throttled";
        aws.s3().createBucket(b -> b.bucket(bucket));
        List<Path> photos = new ArrayList<>();
        for (String sample : List.of("sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg")) {
            photos.add(PipelineClient.photo(sample));
        }
        for (int i = 0; i < 16; i++) {
            photos.add(ReliabilityImages.small(dataDir, "throttled-" + i));
        }
        try (ThrottlingProxy proxy = new ThrottlingProxy(runtime.edgeEndpoint(), 0.3, 7)) {
            org.emotionanalyser.local.runtime.lambda.FunctionDefinition reader = runtime.stack().functions()
                    .stream().filter(f -> f.logicalId().equals("ReaderFunction")).findFirst().orElseThrow();
            Map<String, String> env = new HashMap<>(reader.environment());
            env.put("AWS_REGION", runtime.region());
            env.put("AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString());
            env.put("AWS_ENDPOINT_URL_REKOGNITION", proxy.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("ANALYZER_NAME", "local");
            org.emotionanalyser.local.runtime.lambda.LocalFunction function =
                    org.emotionanalyser.local.runtime.lambda.LocalFunction.load(reader, env,
                            getClass().getClassLoader());
            int failedInvocations = 0;
            long started = System.nanoTime();
            for (Path photo : photos) {
                String objectKey = "uploads/" + tenant + "/" + photo.getFileName();
                String eTag = aws.s3().putObject(b -> b.bucket(bucket).key(objectKey).contentType("image/jpeg"),
                        photo).eTag().replace("\"", "");
                String event = "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
                        + "\"awsRegion\":\"" + runtime.region() + "\",\"eventTime\":\"" + Instant.now() + "\","
                        + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
                        + "\"bucket\":{\"name\":\"" + bucket + "\",\"arn\":\"arn:aws:s3:::" + bucket + "\"},"
                        + "\"object\":{\"key\":\"" + objectKey + "\",\"size\":" + java.nio.file.Files.size(photo)
                        + ",\"eTag\":\"" + eTag + "\"}}}]}";
                // As Lambda's asynchronous invocation: the first attempt and up to two retries.
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try {
                        function.invoke(event);
                        break;
                    } catch (org.emotionanalyser.local.runtime.lambda.FunctionInvocationException e) {
                        failedInvocations++;
                    }
                }
            }
            awaitRows(tenant, photos.size(), Duration.ofSeconds(120));
            double seconds = (System.nanoTime() - started) / 1e9;

            List<String> statuses = new ArrayList<>();
            JsonNode items = client.get("/tenants/" + tenant + "/images?limit=50", key).path("items");
            items.forEach(item -> statuses.add(item.path("status").asText()));
            assertThat(statuses).hasSize(photos.size()).containsOnly("ANALYZED");
            assertThat(proxy.throttled()).as("the proxy really throttled").isPositive();
            report("analyser throttles 30% of calls", "images=" + photos.size() + " analyserCalls="
                    + proxy.calls() + " throttled=" + proxy.throttled() + " (" + round(100.0 * proxy.throttled()
                    / proxy.calls()) + "%) failedInvocationsRetried=" + failedInvocations + " analysed="
                    + statuses.size() + " seconds=" + round(seconds));
        }
    }

    // ---- helpers ----

    static void report(String scenario, String figures) {
        System.out.println("RELIABILITY | " + scenario + " | " + figures);
    }

    static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    private static org.emotionanalyser.local.runtime.LocalAwsClients awsClients() {
        return org.emotionanalyser.local.runtime.LocalAwsClients.create(Map.of(
                "AWS_REGION", runtime.region(), "AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
    }


    private static String arn(String queueUrl) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    static int rowCount(TestAwsClients aws, String tenant) {
        return rowCount(aws, tenant, null);
    }

    /** Catalogue rows of the tenant, only those with {@code status} when it is not null. */
    static int rowCount(TestAwsClients aws, String tenant, String status) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            Map<String, AttributeValue> values = new HashMap<>(Map.of(":t", AttributeValue.fromS(tenant)));
            if (status != null) {
                values.put(":s", AttributeValue.fromS(status));
            }
            var page = aws.dynamoDb().query(b -> {
                b.tableName(PREFIX + "images").consistentRead(true).keyConditionExpression("tenantId = :t")
                        .expressionAttributeValues(values).select("COUNT").exclusiveStartKey(from);
                if (status != null) {
                    b.filterExpression("#status = :s").expressionAttributeNames(Map.of("#status", "status"));
                }
            });
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey()
                    : null;
        } while (start != null);
        return count;
    }

    private static int rowCount(String tenant) {
        return rowCount(aws, tenant);
    }

    static void awaitRows(TestAwsClients aws, String tenant, int expected, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        int count = rowCount(aws, tenant);
        while (count < expected && System.currentTimeMillis() < deadline) {
            LocalRuntimeIntegrationTest.sleep(500);
            count = rowCount(aws, tenant);
        }
        assertThat(count).as("rows of " + tenant + " within " + within).isEqualTo(expected);
    }

    private static void awaitRows(String tenant, int expected, Duration within) {
        awaitRows(aws, tenant, expected, within);
    }


    private static int visible(String queueUrl) {
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Waits until {@code count} messages are in the queue, then peeks at them (visibility 0: they stay). */
    private static List<Message> awaitVisible(String queueUrl, int count, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (visible(queueUrl) < count && System.currentTimeMillis() < deadline) {
            LocalRuntimeIntegrationTest.sleep(500);
        }
        return aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0)
                .attributeNamesWithStrings("ApproximateReceiveCount")).messages();
    }

    private static JsonNode body(Message notification) {
        try {
            JsonNode envelope = JSON.readTree(notification.body());
            return envelope.has("Message") ? JSON.readTree(envelope.path("Message").asText()) : envelope;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + notification.body(), e);
        }
    }
}
