package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.router.adapter.DynamoDbIdempotencyStore;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.router.port.IdempotencyStore;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.emotionanalyser.tenants.testing.FixedImageLinks;
import org.emotionanalyser.tenants.testing.RecordingNotifier;
import org.emotionanalyser.tenants.testing.RecordingSnsServer;
import org.emotionanalyser.tenants.testing.SqsEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.emotionanalyser.tenants.testing.SqsEvents.ANALYZED_IMAGE;
import static org.emotionanalyser.tenants.testing.SqsEvents.TENANT;

/**
 * The consumer against DynamoDB Local, with the real table adapters; notifications go to a recording notifier
 * (and, in the wiring test, over the wire to a recording SNS endpoint).
 */
class TenantConsumerIntegrationTest {

    private static final Instant FIRST_ANALYSIS = Instant.parse("2026-11-21T10:15:30.123Z");

    private final DynamoDbLocalServer server = DynamoDbLocalServer.shared();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private DynamoDbLocalServer.Stack stack;
    private DynamoDbTenantDirectory tenants;
    private DynamoDbImageCatalogue images;
    private DynamoDbEmotionTimeline timeline;
    private DynamoDbIdempotencyStore idempotency;
    private TenantConsumerHandler handler;

    @BeforeEach
    void setUp() {
        stack = server.newStack();
        DynamoDbEnhancedClient client = server.enhancedClient();
        tenants = new DynamoDbTenantDirectory(client, stack.tenantsTable(), 50, 30);
        images = new DynamoDbImageCatalogue(client, stack.imagesTable());
        timeline = new DynamoDbEmotionTimeline(client, stack::emotionTable);
        idempotency = new DynamoDbIdempotencyStore(client, stack.idempotencyTable());
        tenants.save(activeTenant(TENANT));
        handler = new TenantConsumerHandler(new AnalysisRecorder(tenants, images, timeline, notifier, idempotency,
                new FixedImageLinks(), Clock.systemUTC()), SqsEvents.RESOURCE_PREFIX);
    }

    private static Tenant activeTenant(String tenantId) {
        return Tenant.newTenant(tenantId, tenantId, 50, 30, Instant.parse("2026-11-01T00:00:00Z"))
                .withResources(topic(tenantId), null, null, null, null, null, null)
                .withStatus(TenantStatus.ACTIVE);
    }

    private static String topic(String tenantId) {
        return "arn:aws:sns:eu-west-1:123456789012:emotion-analyser-test-tenant_" + tenantId;
    }

    private static SQSEvent.SQSMessage batchMessage(String messageId) {
        return SqsEvents.load("sqs-batch").getRecords().stream()
                .filter(m -> m.getMessageId().equals(messageId)).findFirst().orElseThrow();
    }

    /** The fixture's message as the given tenant's queue would deliver it for that tenant's upload. */
    private static SQSEvent.SQSMessage forTenant(SQSEvent.SQSMessage message, String tenantId) {
        message.setBody(message.getBody().replace("\"acme\"", "\"" + tenantId + "\"")
                .replace("uploads/acme/", "uploads/" + tenantId + "/"));
        message.setEventSourceArn(message.getEventSourceArn().replace("tenant_acme", "tenant_" + tenantId));
        message.setMessageId(message.getMessageId() + "-" + tenantId);
        return message;
    }

    private int itemCount(String table) {
        return server.client().scan(request -> request.tableName(table)).count();
    }

    private int emotionRowCount() {
        int count = 0;
        for (Emotion emotion : Emotion.values()) {
            count += itemCount(stack.emotionTable(emotion));
        }
        return count;
    }

    @Test
    void handleRequest_whenSameMessageIsDeliveredTwice_storesOneImageItsRowsOnceAndNotifiesOnce() {
        SQSEvent event = SqsEvents.load("sqs-image-analyzed");

        handler.handleRequest(event, null);
        SQSBatchResponse redelivery = handler.handleRequest(event, null);

        assertThat(redelivery.getBatchItemFailures()).isEmpty();
        assertThat(itemCount(stack.imagesTable())).isEqualTo(1);
        assertThat(emotionRowCount()).isEqualTo(3);
        assertThat(itemCount(stack.emotionTable(Emotion.HAPPY))).isEqualTo(1);
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenReaderRetriedTheSameImageWithALaterAnalyzedAt_keepsTheFirstTimeAndNotifiesOnce() {
        handler.handleRequest(SqsEvents.of(List.of(batchMessage("b1-analyzed"))), null);
        SQSBatchResponse retry = handler.handleRequest(SqsEvents.of(List.of(batchMessage("b5-reader-retry"))), null);

        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(images.find(TENANT, ANALYZED_IMAGE).orElseThrow().analyzedAt()).isEqualTo(FIRST_ANALYSIS);
        assertThat(emotionRowCount()).isEqualTo(3);
        assertThat(timeline.query(TENANT, Emotion.HAPPY, null, null, 10, null).items())
                .extracting(EmotionRow::analyzedAt).containsExactly(FIRST_ANALYSIS);
        assertThat(notifier.published()).hasSize(1);
    }

    @Test
    void handleRequest_whenBatchHasPoisonAndUnknownTenant_failsOnlyThoseAndRecordsTheRest() {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-batch"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("b2-poison", "b4-unknown-tenant");
        assertThat(images.list(TENANT, null, 10, null).items()).extracting(ImageRecord::status)
                .containsExactlyInAnyOrder(ImageStatus.ANALYZED, ImageStatus.REJECTED);
        assertThat(images.list("ghost", null, 10, null).items()).isEmpty();
        assertThat(notifier.published()).hasSize(2);
    }

    @Test
    void handleRequest_whenPublishFailsAfterTheWrites_redeliveryEndsWithExactlyOneNotification() {
        SQSEvent event = SqsEvents.load("sqs-image-analyzed");
        notifier.failNext(1);

        SQSBatchResponse first = handler.handleRequest(event, null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(itemCount(stack.imagesTable())).isEqualTo(1);
        assertThat(notifier.published()).isEmpty();

        SQSBatchResponse redelivery = handler.handleRequest(event, null);
        SQSBatchResponse lateDuplicate = handler.handleRequest(event, null);

        assertThat(redelivery.getBatchItemFailures()).isEmpty();
        assertThat(lateDuplicate.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
        assertThat(emotionRowCount()).isEqualTo(3);
    }

    @Test
    void handleRequest_whenAnEarlierContainerDiedAfterWritingAndItsLeaseRanOut_notifiesOnceWithTheFirstRecord() {
        // What a container that crashed between the writes and the publish leaves behind.
        ImageAnalyzed earlier = (ImageAnalyzed) EventJson.parseEnvelope(
                batchMessage("b1-analyzed").getBody()).detail();
        ImageRecord written = images.recordIfAbsent(ImageRecord.analyzed(earlier, null));
        timeline.putAll(written.emotionRows());
        String key = AnalysisRecorder.notifiedKey(TENANT, ANALYZED_IMAGE);
        Instant crashedAt = Instant.now().minus(AnalysisRecorder.CLAIM_LEASE).minusSeconds(1);
        assertThat(idempotency.tryClaim(key, crashedAt, AnalysisRecorder.CLAIM_LEASE))
                .isEqualTo(IdempotencyStore.Claim.CLAIMED);

        SQSBatchResponse redelivery = handler.handleRequest(
                SqsEvents.of(List.of(batchMessage("b5-reader-retry"))), null);

        assertThat(redelivery.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).singleElement()
                .satisfies(p -> assertThat(p.notification().analyzedAt()).isEqualTo(FIRST_ANALYSIS));
        assertThat(emotionRowCount()).isEqualTo(3);
    }

    @Test
    void handleRequest_whenAnotherDeliveryHoldsTheImage_failsTheMessageWithoutNotifying() {
        idempotency.tryClaim(AnalysisRecorder.notifiedKey(TENANT, ANALYZED_IMAGE), Instant.now(),
                Duration.ofMinutes(5));

        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(notifier.published()).isEmpty();
    }

    @Test
    void handleRequest_whenTwoTenantsUploadImagesWithTheSameId_keepsTheirDataApart() {
        tenants.save(activeTenant("globex"));
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        messages.add(SqsEvents.load("sqs-image-analyzed").getRecords().get(0));
        messages.add(forTenant(SqsEvents.load("sqs-image-analyzed").getRecords().get(0), "globex"));

        SQSBatchResponse response = handler.handleRequest(SqsEvents.of(messages), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(images.find("acme", ANALYZED_IMAGE).orElseThrow().s3Key()).startsWith("uploads/acme/");
        assertThat(images.find("globex", ANALYZED_IMAGE).orElseThrow().s3Key()).startsWith("uploads/globex/");
        assertThat(timeline.query("acme", Emotion.HAPPY, null, null, 10, null).items())
                .extracting(EmotionRow::tenantId, EmotionRow::s3Key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acme", "uploads/acme/" + ANALYZED_IMAGE + ".jpg"));
        assertThat(notifier.published()).extracting(RecordingNotifier.Published::topicArn,
                        p -> p.notification().tenantId())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(topic("acme"), "acme"),
                        org.assertj.core.groups.Tuple.tuple(topic("globex"), "globex"));
    }

    @Test
    void handleRequest_whenBuiltFromTheEnvironment_publishesOnceToTheTenantsTopicOverSns() {
        try (RecordingSnsServer sns = new RecordingSnsServer()) {
            Map<String, String> env = stack.environment(SqsEvents.RESOURCE_PREFIX);
            env.put("AWS_ENDPOINT_URL_SNS", sns.endpoint());
            TenantConsumerHandler wired = new TenantConsumerHandler(env);
            SQSEvent event = SqsEvents.load("sqs-image-analyzed");

            SQSBatchResponse first = wired.handleRequest(event, null);
            SQSBatchResponse redelivery = wired.handleRequest(event, null);

            assertThat(first.getBatchItemFailures()).isEmpty();
            assertThat(redelivery.getBatchItemFailures()).isEmpty();
            assertThat(sns.publishes()).singleElement().satisfies(publish -> {
                assertThat(publish.get("TopicArn")).isEqualTo(topic(TENANT));
                assertThat(publish.get("Message")).contains("X-Amz-Signature")
                        .contains("uploads/acme/" + ANALYZED_IMAGE + ".jpg");
                assertThat(RecordingSnsServer.attributes(publish))
                        .containsEntry("emotion", List.of("String.Array", "[\"HAPPY\",\"SAD\",\"OTHER\"]"))
                        .containsEntry("celebrity", List.of("String.Array", "[\"Ada Lovelace\"]"))
                        .containsEntry("faceCount", List.of("Number", "4"));
            });
            assertThat(emotionRowCount()).isEqualTo(3);
        }
    }
}
