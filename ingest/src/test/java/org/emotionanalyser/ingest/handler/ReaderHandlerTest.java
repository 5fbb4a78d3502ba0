package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.domain.AnalyzerUnavailableException;
import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.emotionanalyser.ingest.testing.InMemoryImageStore;
import org.emotionanalyser.ingest.testing.RecordingEventPublisher;
import org.emotionanalyser.ingest.testing.ScriptedFaceAnalyzer;
import org.emotionanalyser.ingest.testing.TestImages;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.EventPublishException;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReaderHandlerTest {

    private static final String BUCKET = "emotion-analyser-dev-images-1a2b3c";

    private final InMemoryImageStore store = new InMemoryImageStore();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final ScriptedFaceAnalyzer analyzer = ScriptedFaceAnalyzer.oneHappyFace();
    private final ReaderHandler handler = new ReaderHandler(new UploadProcessor(store,
            new ImageInspector(store, new ImageIoCodec(), ImageDelivery.STORED_OBJECT, 15_728_640L, 80),
            analyzer, publisher, Clock.fixed(Instant.parse("2026-11-21T10:15:31Z"), ZoneOffset.UTC),
            "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> true));

    @Test
    void handleRequest_whenKeysAreUrlEncoded_analysesEachObjectUnderItsDecodedKey() {
        store.add(BUCKET, "uploads/acme-events/beach party 2026.jpg", TestImages.jpeg(200, 150), "image/jpeg");
        store.add(BUCKET, "uploads/acme-events/café 写真.png", TestImages.png(200, 150), "image/png");
        store.add(BUCKET, "uploads/acme-events/1+1=2.jpg", TestImages.jpeg(200, 150), "image/jpeg");

        handler.handleRequest(EventFixtures.event("s3-object-created-encoded-keys.json", S3Event.class), null);

        assertThat(publisher.events()).extracting(event -> event.object().key()).containsExactly(
                "uploads/acme-events/beach party 2026.jpg",
                "uploads/acme-events/café 写真.png",
                "uploads/acme-events/1+1=2.jpg");
        assertThat(publisher.events()).allSatisfy(event -> {
            assertThat(event).isInstanceOf(ImageAnalyzed.class);
            assertThat(event.tenantId()).isEqualTo("acme-events");
            assertThat(ImageId.isValid(event.imageId())).isTrue();
        });
        AnalysisEvent first = publisher.events().get(0);
        assertThat(first.imageId()).isEqualTo(ImageId.forObject(BUCKET, "uploads/acme-events/beach party 2026.jpg",
                "9b2cf535f27731c974343645a3985328"));
        assertThat(first.object().etag()).isEqualTo("9b2cf535f27731c974343645a3985328");
    }

    @Test
    void handleRequest_whenTheSameNotificationArrivesTwice_analysesAndPublishesEachVersionOnce() {
        S3Event event = encodedKeyUploads();

        handler.handleRequest(event, null);
        int analyses = analyzer.requests().size();
        handler.handleRequest(event, null);

        assertThat(publisher.events()).hasSize(3);
        assertThat(analyzer.requests()).as("no second analysis").hasSize(analyses);
    }

    @Test
    void handleRequest_whenAVersionIsProcessedAgainAfterItsRecordExpired_publishesTheSameImageId() {
        S3Event event = encodedKeyUploads();
        ReaderHandler forgetful = new ReaderHandler(new UploadProcessor(store,
                new ImageInspector(store, new ImageIoCodec(), ImageDelivery.STORED_OBJECT, 15_728_640L, 80),
                analyzer, publisher, Clock.fixed(Instant.parse("2026-11-21T10:15:31Z"), ZoneOffset.UTC),
                "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> true));

        handler.handleRequest(event, null);
        forgetful.handleRequest(event, null);

        assertThat(publisher.events()).hasSize(6);
        assertThat(publisher.events().subList(0, 3)).extracting(AnalysisEvent::imageId)
                .containsExactlyElementsOf(publisher.events().subList(3, 6).stream()
                        .map(AnalysisEvent::imageId).toList());
    }

    @Test
    void handleRequest_whenTheBusRefusedTheFirstAttempt_theRetryAnalysesAndPublishes() {
        store.add(BUCKET, "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg", TestImages.jpeg(200, 150),
                "image/jpeg");
        S3Event event = EventFixtures.event("s3-object-created-single-upload.json", S3Event.class);
        publisher.refuse();
        assertThatThrownBy(() -> handler.handleRequest(event, null)).isInstanceOf(EventPublishException.class);

        publisher.accept();
        handler.handleRequest(event, null);

        assertThat(publisher.events()).hasSize(1);
    }

    @Test
    void handleRequest_whenTheUploadsTenantIsBeingDeleted_deletesTheObjectWithoutAnalysingOrPublishing() {
        store.add(BUCKET, "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg", TestImages.jpeg(200, 150),
                "image/jpeg");
        List<String> asked = new java.util.ArrayList<>();
        ReaderHandler afterDelete = new ReaderHandler(new UploadProcessor(store,
                new ImageInspector(store, new ImageIoCodec(), ImageDelivery.STORED_OBJECT, 15_728_640L, 80),
                analyzer, publisher, Clock.fixed(Instant.parse("2026-11-21T10:15:31Z"), ZoneOffset.UTC),
                "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> !asked.add(tenantId)));

        afterDelete.handleRequest(EventFixtures.event("s3-object-created-single-upload.json", S3Event.class), null);

        assertThat(asked).containsExactly("acme-events");
        assertThat(store.get(BUCKET, "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg")).isEmpty();
        assertThat(store.operations()).containsExactly("delete uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg");
        assertThat(analyzer.requests()).isEmpty();
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void handleRequest_whenKeysAreOutsideTenantUploads_publishesNothingAndReadsNothing() {
        handler.handleRequest(EventFixtures.event("s3-object-created-non-upload-keys.json", S3Event.class), null);

        assertThat(publisher.events()).isEmpty();
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void handleRequest_whenObjectNamedByImageId_usesThatIdAndRejectsItsSizeWithoutReadingIt() {
        String key = "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg";
        store.add(BUCKET, key, new byte[20 * 1024 * 1024], "image/jpeg");

        handler.handleRequest(EventFixtures.event("s3-object-created-single-upload.json", S3Event.class), null);

        assertThat(publisher.events()).singleElement().satisfies(event -> {
            assertThat(event.imageId()).isEqualTo("0f8e9d7c6b5a49382716a5b4c3d2e1f0");
            assertThat(((ImageRejected) event).reason()).isEqualTo(RejectionReason.TOO_LARGE);
        });
        assertThat(store.bytesRead()).isZero();
    }

    @Test
    void handleRequest_whenObjectWasDeletedBeforeAnalysis_skipsItWithoutFailing() {
        handler.handleRequest(EventFixtures.event("s3-object-created-single-upload.json", S3Event.class), null);

        assertThat(publisher.events()).isEmpty();
        assertThat(analyzer.requests()).isEmpty();
    }

    @Test
    void handleRequest_whenTheStoreFailsForOneRecord_publishesTheOthersThenFailsForLambdaToRetry() {
        store.add(BUCKET, "uploads/acme-events/beach party 2026.jpg", TestImages.jpeg(200, 150), "image/jpeg");
        store.failReads(BUCKET, "uploads/acme-events/café 写真.png");
        store.add(BUCKET, "uploads/acme-events/1+1=2.jpg", TestImages.jpeg(200, 150), "image/jpeg");

        assertThatThrownBy(() -> handler.handleRequest(
                EventFixtures.event("s3-object-created-encoded-keys.json", S3Event.class), null))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(publisher.events()).extracting(event -> event.object().key()).containsExactly(
                "uploads/acme-events/beach party 2026.jpg", "uploads/acme-events/1+1=2.jpg");
    }

    @Test
    void handleRequest_whenTheBusRefusesTheEvent_failsForLambdaToRetry() {
        store.add(BUCKET, "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg", TestImages.jpeg(200, 150),
                "image/jpeg");
        publisher.refuse();

        assertThatThrownBy(() -> handler.handleRequest(
                EventFixtures.event("s3-object-created-single-upload.json", S3Event.class), null))
                .isInstanceOf(EventPublishException.class);
    }

    @Test
    void handleRequest_whenTheAnalyserKeepsThrottling_failsForLambdaToRetryInsteadOfRejecting() {
        store.add(BUCKET, "uploads/acme-events/0f8e9d7c6b5a49382716a5b4c3d2e1f0.jpg", TestImages.jpeg(200, 150),
                "image/jpeg");
        analyzer.fail(new AnalyzerUnavailableException("DetectLabels did not get through in 4 attempts"));

        assertThatThrownBy(() -> handler.handleRequest(
                EventFixtures.event("s3-object-created-single-upload.json", S3Event.class), null))
                .isInstanceOf(AnalyzerUnavailableException.class);
        assertThat(publisher.events()).isEmpty();
    }

    /** The three objects of the encoded-keys notification, stored, and that notification. */
    private S3Event encodedKeyUploads() {
        store.add(BUCKET, "uploads/acme-events/beach party 2026.jpg", TestImages.jpeg(200, 150), "image/jpeg");
        store.add(BUCKET, "uploads/acme-events/café 写真.png", TestImages.png(200, 150), "image/png");
        store.add(BUCKET, "uploads/acme-events/1+1=2.jpg", TestImages.jpeg(200, 150), "image/jpeg");
        return EventFixtures.event("s3-object-created-encoded-keys.json", S3Event.class);
    }
}
