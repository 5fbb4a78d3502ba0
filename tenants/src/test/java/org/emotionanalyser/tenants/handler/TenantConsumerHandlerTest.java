package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.tenants.domain.AnalysisRecorder;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageNotification;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.tenants.testing.FixedImageLinks;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.emotionanalyser.tenants.testing.RecordingNotifier;
import org.emotionanalyser.tenants.testing.SqsEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.emotionanalyser.tenants.testing.SqsEvents.ANALYZED_IMAGE;
import static org.emotionanalyser.tenants.testing.SqsEvents.REJECTED_IMAGE;
import static org.emotionanalyser.tenants.testing.SqsEvents.TENANT;

class TenantConsumerHandlerTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:emotion-analyser-test-tenant_acme";
    private static final Instant NOW = Instant.parse("2026-11-21T10:20:00Z");

    private final InMemoryStores.Tenants tenants = new InMemoryStores.Tenants();
    private final InMemoryStores.Images images = new InMemoryStores.Images();
    private final InMemoryStores.Timeline timeline = new InMemoryStores.Timeline();
    private final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private TenantConsumerHandler handler;

    @BeforeEach
    void setUp() {
        tenants.save(activeTenant(TENANT, 50, 30));
        handler = new TenantConsumerHandler(new AnalysisRecorder(tenants, images, timeline, notifier, idempotency,
                new FixedImageLinks(), Clock.fixed(NOW, ZoneOffset.UTC)), SqsEvents.RESOURCE_PREFIX);
    }

    static Tenant activeTenant(String tenantId, double threshold, int retentionDays) {
        return Tenant.newTenant(tenantId, tenantId + " events", threshold, retentionDays, NOW)
                .withResources(TOPIC.replace("acme", tenantId), null, null, null, null, null, null)
                .withStatus(TenantStatus.ACTIVE);
    }

    @Test
    void handleRequest_whenImageAnalyzedWithFacesAndCelebrity_recordsImageAndOneRowPerEmotion() {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        ImageRecord record = images.find(TENANT, ANALYZED_IMAGE).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageStatus.ANALYZED);
        assertThat(record.faceCount()).isEqualTo(4);
        assertThat(record.emotionCounts()).containsExactlyInAnyOrderEntriesOf(
                Map.of(Emotion.HAPPY, 2, Emotion.SAD, 1, Emotion.OTHER, 1));
        assertThat(record.celebrities()).containsExactly("Ada Lovelace");
        assertThat(record.s3Key()).isEqualTo("uploads/acme/" + ANALYZED_IMAGE + ".jpg");
        assertThat(record.analyzedAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
        assertThat(record.expiresAt()).isEqualTo(Instant.parse("2026-12-21T10:15:30Z"));
        assertThat(timeline.all()).extracting(EmotionRow::emotion, EmotionRow::faceCount, EmotionRow::totalFaces)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Emotion.HAPPY, 2, 4),
                        org.assertj.core.groups.Tuple.tuple(Emotion.SAD, 1, 4),
                        org.assertj.core.groups.Tuple.tuple(Emotion.OTHER, 1, 4));
        assertThat(timeline.all()).allSatisfy(row ->
                assertThat(row.sortKey()).isEqualTo("2026-11-21T10:15:30.123Z#" + ANALYZED_IMAGE));
    }

    @Test
    void handleRequest_whenImageAnalyzed_publishesOneNotificationWithSummaryAndDayLongLink() {
        handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        assertThat(notifier.published()).hasSize(1);
        RecordingNotifier.Published published = notifier.published().get(0);
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        ImageNotification notification = published.notification();
        assertThat(notification.imageId()).isEqualTo(ANALYZED_IMAGE);
        assertThat(notification.dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(notification.emotions()).containsExactly(Emotion.HAPPY, Emotion.SAD, Emotion.OTHER);
        assertThat(notification.celebrities()).containsExactly("Ada Lovelace");
        assertThat(notification.imageUrl())
                .isEqualTo("https://images.test/uploads/acme/" + ANALYZED_IMAGE + ".jpg?validFor=86400");
    }

    @Test
    void handleRequest_whenTenantHasHigherThreshold_judgesFacesWithTheTenantsThreshold() {
        tenants.save(activeTenant(TENANT, 70, 30));

        handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        // HAPPY 96.4 and 71.0 pass 70; SAD 64.0 and CALM 41.0 do not.
        assertThat(images.find(TENANT, ANALYZED_IMAGE).orElseThrow().emotionCounts())
                .containsExactlyInAnyOrderEntriesOf(Map.of(Emotion.HAPPY, 2, Emotion.OTHER, 2));
        assertThat(timeline.all()).extracting(EmotionRow::emotion)
                .containsExactlyInAnyOrder(Emotion.HAPPY, Emotion.OTHER);
    }

    @Test
    void handleRequest_whenTenantKeepsResults_writesRowsWithoutExpiry() {
        tenants.save(activeTenant(TENANT, 50, 0));

        handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        assertThat(images.find(TENANT, ANALYZED_IMAGE).orElseThrow().expiresAt()).isNull();
        assertThat(timeline.all()).extracting(EmotionRow::expiresAt).containsOnlyNulls();
    }

    @Test
    void handleRequest_whenImageRejected_recordsReasonWritesNoEmotionRowsAndNotifiesRejection() {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-image-rejected"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        ImageRecord record = images.find(TENANT, REJECTED_IMAGE).orElseThrow();
        assertThat(record.status()).isEqualTo(ImageStatus.REJECTED);
        assertThat(record.reason()).isEqualTo(RejectionReason.UNSUPPORTED_FORMAT);
        assertThat(record.message()).contains("GIF");
        assertThat(timeline.all()).isEmpty();
        assertThat(notifier.published()).singleElement().satisfies(published -> {
            assertThat(published.notification().status()).isEqualTo(ImageStatus.REJECTED);
            assertThat(published.notification().emotions()).isEmpty();
            assertThat(published.notification().reason()).isEqualTo(RejectionReason.UNSUPPORTED_FORMAT);
        });
    }

    @Test
    void handleRequest_whenBodyIsNotJson_reportsOnlyThatMessageAsFailed() {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-poison"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("c80e8021-a70a-42c7-a470-796e1186f753");
        assertThat(images.all()).isEmpty();
        assertThat(notifier.published()).isEmpty();
    }

    @Test
    void handleRequest_whenBatchMixesGoodPoisonUnknownTenantAndRetry_failsOnlyPoisonAndUnknownTenant() {
        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-batch"), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("b2-poison", "b4-unknown-tenant");
        assertThat(images.all()).extracting(ImageRecord::imageId)
                .containsExactlyInAnyOrder(ANALYZED_IMAGE, REJECTED_IMAGE);
        // b5 is the reader's retry of b1's image: no second notification, and the first analysis time is kept.
        assertThat(notifier.published()).extracting(p -> p.notification().imageId())
                .containsExactly(ANALYZED_IMAGE, REJECTED_IMAGE);
        assertThat(timeline.all()).extracting(EmotionRow::analyzedAt)
                .containsOnly(Instant.parse("2026-11-21T10:15:30.123Z"));
    }

    @Test
    void handleRequest_whenSameMessageIsDeliveredTwice_notifiesOnce() {
        SQSEvent event = SqsEvents.load("sqs-image-analyzed");

        handler.handleRequest(event, null);
        SQSBatchResponse second = handler.handleRequest(event, null);

        assertThat(second.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
        assertThat(timeline.all()).hasSize(3);
    }

    @Test
    void handleRequest_whenPublishFailsOnce_failsTheMessageAndTheRedeliveryNotifiesOnce() {
        SQSEvent event = SqsEvents.load("sqs-image-analyzed");
        notifier.failNext(1);

        SQSBatchResponse first = handler.handleRequest(event, null);
        SQSBatchResponse redelivery = handler.handleRequest(event, null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(redelivery.getBatchItemFailures()).isEmpty();
        assertThat(notifier.published()).hasSize(1);
        assertThat(idempotency.isCompleted(AnalysisRecorder.notifiedKey(TENANT, ANALYZED_IMAGE))).isTrue();
    }

    @Test
    void handleRequest_whenEventArrivesOnAnotherTenantsQueue_failsItWithoutWritingAnything() {
        tenants.save(activeTenant("globex", 50, 30));
        SQSEvent event = SqsEvents.load("sqs-image-analyzed");
        event.getRecords().get(0).setEventSourceArn(
                "arn:aws:sqs:eu-west-1:123456789012:emotion-analyser-test-tenant-globex");

        SQSBatchResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        assertThat(images.all()).isEmpty();
        assertThat(notifier.published()).isEmpty();
    }

    @Test
    void handleRequest_whenTenantWasTombstonedWhileItsMessagesWereQueued_dropsTheMessagesWithoutWriting() {
        // DELETE /tenants/acme marks it DELETING first; messages already on its queue must write nothing
        tenants.save(tenants.find(TENANT).orElseThrow().withStatus(TenantStatus.DELETING));

        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-batch"), null);

        assertThat(images.all()).isEmpty();
        assertThat(timeline.rows).isEmpty();
        assertThat(notifier.published()).isEmpty();
        // Valid messages are done with (not retried into the DLQ of a queue that is being deleted).
        assertThat(response.getBatchItemFailures()).hasSizeLessThan(SqsEvents.load("sqs-batch").getRecords().size());
    }

    @Test
    void handleRequest_whenTenantHasNoTopicYet_recordsImageWithoutNotifying() {
        tenants.save(Tenant.newTenant(TENANT, "acme", 50, 30, NOW));

        SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs-image-analyzed"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(images.find(TENANT, ANALYZED_IMAGE)).isPresent();
        assertThat(notifier.published()).isEmpty();
    }

    @Test
    void handleRequest_whenEventIsEmpty_reportsNoFailures() {
        assertThat(handler.handleRequest(SqsEvents.of(List.of()), null).getBatchItemFailures()).isEmpty();
    }

    @Test
    void constructor_whenConsumerVariablesAreSetButAdminKeyIsNot_builds() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "test"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("RESOURCE_PREFIX", "emotion-analyser-test"),
                Map.entry("UPLOAD_BUCKET", "images"),
                Map.entry("TENANTS_TABLE", "t"),
                Map.entry("IMAGES_TABLE", "i"),
                Map.entry("EMOTION_TABLE_PREFIX", "e-"),
                Map.entry("IDEMPOTENCY_TABLE", "d"));

        assertThat(new TenantConsumerHandler(env)).isNotNull();
    }
}
