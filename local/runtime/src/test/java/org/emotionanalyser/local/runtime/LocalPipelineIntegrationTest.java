package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.emotionanalyser.router.testing.OversizedImages;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline, as a user drives it: the runtime provisions the project's real template, runs the real
 * handlers and the real local analyser (ONNX models) on a real group photo; a tenant is created through the admin
 * API, subscribers through the tenant API, the photo uploaded over HTTP; then the catalogue, the emotion tables
 * and the deliveries are checked.
 */
class LocalPipelineIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "emotion-analyser-local-";
    private static final List<String> EMOTIONS = List.of("HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED",
            "SURPRISED", "CALM", "FEAR", "OTHER");

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static TestAwsClients aws;
    private static PipelineClient client;
    private static HttpsWebhook webhook;

    @BeforeAll
    static void start() throws Exception {
        PipelineClient.photo("sample1.jpg");
        runtime = LocalRuntime.start(projectStack(dataDir.resolve("data"), true));
        aws = new TestAwsClients(runtime);
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        webhook = new HttpsWebhook(dataDir);
    }

    /** The project's template, the local analyser, free ports. */
    static LocalRuntimeOptions projectStack(Path data, boolean demoTenant) {
        Path template = Path.of(System.getProperty("stack.template", "../../infra-cloudformation/template.yaml"));
        return new LocalRuntimeOptions(data, 0, 0, LocalRuntimeOptions.Analyzer.LOCAL, data.resolve("known-faces"),
                template, List.of(Duration.ofMillis(500), Duration.ofSeconds(1)), demoTenant);
    }

    @AfterAll
    static void stop() {
        if (webhook != null) {
            webhook.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void start_whenFirstStart_expectAnalyserMountedAndDemoTenantKeyWorking() {
        assertThat(runtime.analyserAvailable()).as("the local analyser loaded").isTrue();
        String demoKey = runtime.demoTenantKey().orElseThrow();

        JsonNode images = client.get("/tenants/" + LocalRuntime.DEMO_TENANT + "/images", demoKey);

        assertThat(images.isObject()).isTrue();
    }

    @Test
    void upload_whenGroupPhoto_expectEmotionRowsAndOneDeliveryPerMatchingSubscriber() throws Exception {
        String key = client.createTenant("acme");
        String matchingQueue = subscriberQueue("acme-all-faces");
        String otherQueue = subscriberQueue("acme-crowds-only");
        client.subscribe("acme", key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + arn(matchingQueue)
                + "\",\"minFaces\":1}");
        client.subscribe("acme", key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + arn(otherQueue)
                + "\",\"minFaces\":100}");
        client.subscribe("acme", key, "{\"protocol\":\"https\",\"endpoint\":\"" + webhook.url()
                + "\",\"emotions\":" + JSON.writeValueAsString(EMOTIONS) + "}");

        String imageId = client.upload("acme", key, PipelineClient.photo("sample1.jpg"));
        JsonNode image = client.awaitAnalysed("acme", key, imageId, Duration.ofSeconds(120));

        assertThat(image.path("faceCount").asInt()).as("faces found in sample1.jpg (a group photo)")
                .isGreaterThanOrEqualTo(1);
        assertEmotionRows("acme", imageId, image.path("emotionCounts"));

        List<Message> delivered = aws.receive(matchingQueue, 1, Duration.ofSeconds(30));
        LocalRuntimeIntegrationTest.await(() -> !webhook.bodies().isEmpty());
        LocalRuntimeIntegrationTest.sleep(2_000);
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).body()).contains(imageId);
        assertThat(webhook.bodies()).hasSize(1);
        assertThat(webhook.bodies().get(0)).contains(imageId);
        assertThat(visibleMessages(matchingQueue)).isZero();
        assertThat(visibleMessages(otherQueue)).isZero();
    }

    static Stream<Arguments> hugePictures() {
        return Stream.of(
                Arguments.of("bomb.png", (Supplier<byte[]>) () -> OversizedImages.png(20_000, 20_000), "image/png"),
                Arguments.of("column.png", (Supplier<byte[]>) () -> OversizedImages.png(1, 50_000), "image/png"),
                Arguments.of("row.png", (Supplier<byte[]>) () -> OversizedImages.png(50_000, 1), "image/png"),
                Arguments.of("patched.jpg", (Supplier<byte[]>) () -> OversizedImages.jpegDeclaring(30_000, 30_000),
                        "image/jpeg"),
                Arguments.of("frames.gif", (Supplier<byte[]>) () -> OversizedImages.animatedGif(20_000, 20_000, 3),
                        "image/gif"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugePictures")
    void upload_whenHeaderDeclaresAHugePicture_expectRejectedTooLargeAndTheNextUploadAnalysed(
            String name, Supplier<byte[]> picture, String contentType) {
        String tenant = "huge-" + name.substring(0, name.indexOf('.'));
        String key = client.createTenant(tenant);
        long heapBefore = usedHeapAfterGc();

        String hugeId = client.upload(tenant, key, name, picture.get(), contentType);
        JsonNode rejected = client.awaitRecorded(tenant, key, hugeId, Duration.ofSeconds(60));
        String nextId = client.upload(tenant, key, PipelineClient.photo("sample1.jpg"));
        JsonNode next = client.awaitAnalysed(tenant, key, nextId, Duration.ofSeconds(120));

        assertThat(rejected.path("status").asText()).as(rejected.toString()).isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asText()).isEqualTo("TOO_LARGE");
        assertThat(next.path("faceCount").asInt()).isGreaterThanOrEqualTo(1);
        // Nothing the size of the declared picture was ever allocated (20000x20000 as RGB floats is 4.8 GB).
        assertThat(usedHeapAfterGc() - heapBefore).as("heap kept after the huge upload")
                .isLessThan(256L * 1024 * 1024);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime heap = Runtime.getRuntime();
        return heap.totalMemory() - heap.freeMemory();
    }

    /** One row per emotion present (by the image's counts) in that emotion's table, none in the others. */
    private static void assertEmotionRows(String tenantId, String imageId, JsonNode emotionCounts) {
        for (String emotion : EMOTIONS) {
            QueryResponse rows = aws.dynamoDb().query(b -> b
                    .tableName(PREFIX + "emotion-" + emotion.toLowerCase(Locale.ROOT))
                    .keyConditionExpression("tenantId = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenantId))));
            long forImage = rows.items().stream().filter(row -> row.get("sk").s().endsWith("#" + imageId)).count();
            boolean present = emotionCounts.path(emotion).asInt(0) > 0;
            assertThat(forImage).as("rows for %s in the %s table (counts %s)", imageId, emotion, emotionCounts)
                    .isEqualTo(present ? 1 : 0);
        }
        assertThat(EMOTIONS.stream().anyMatch(e -> emotionCounts.path(e).asInt(0) > 0))
                .as("at least one emotion counted: %s", emotionCounts).isTrue();
    }

    /** A subscriber's queue whose policy lets the tenants' topics deliver to it, as AWS requires. */
    private static String subscriberQueue(String name) {
        String url = aws.sqs().createQueue(b -> b.queueName(name)).queueUrl();
        QueueAccess.allowTopics(aws.sqs(), url, "arn:aws:sns:*");
        return url;
    }

    private static String arn(String queueUrl) {
        return aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static int visibleMessages(String queueUrl) {
        return Integer.parseInt(aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
