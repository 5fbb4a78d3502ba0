package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.ingest.testing.InMemoryImageStore;
import org.emotionanalyser.ingest.testing.RecordingEventPublisher;
import org.emotionanalyser.ingest.testing.ScriptedFaceAnalyzer;
import org.emotionanalyser.ingest.testing.TestImages;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderFailureHandlerTest {

    private static final String BUCKET = "emotion-analyser-dev-images-1a2b3c";
    private static final String KEY = "uploads/acme-events/beach party 2026.jpg";

    private final InMemoryImageStore store = new InMemoryImageStore();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();
    private final ScriptedFaceAnalyzer analyzer = ScriptedFaceAnalyzer.oneHappyFace();
    private final ReaderFailureHandler handler = new ReaderFailureHandler(new UploadProcessor(store,
            new ImageInspector(store, new ImageIoCodec(), ImageDelivery.STORED_OBJECT, 15_728_640L, 80),
            analyzer, publisher, Clock.fixed(Instant.parse("2026-11-21T10:19:03Z"), ZoneOffset.UTC),
            "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> true));

    @Test
    void handleRequest_whenTheReadersRetriesAreExhausted_rejectsTheImageUnderItsOwnIdWithTheLastError() {
        store.add(BUCKET, KEY, TestImages.jpeg(200, 150), "image/jpeg");

        SQSBatchResponse response = handler.handleRequest(
                EventFixtures.event("sqs-reader-retries-exhausted.json", SQSEvent.class), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(publisher.events()).singleElement().isInstanceOfSatisfying(ImageRejected.class, rejected -> {
            assertThat(rejected.tenantId()).isEqualTo("acme-events");
            assertThat(rejected.imageId()).isEqualTo(ImageId.forObject(BUCKET, KEY,
                    "9b2cf535f27731c974343645a3985328"));
            assertThat(rejected.reason()).isEqualTo(RejectionReason.ANALYSIS_FAILED);
            assertThat(rejected.message()).contains("3 invocation(s)").contains("ThrottlingException");
        });
        assertThat(analyzer.requests()).isEmpty();
    }

    @Test
    void handleRequest_whenTheBusRefusesTheRejection_reportsTheMessageForRedelivery() {
        store.add(BUCKET, KEY, TestImages.jpeg(200, 150), "image/jpeg");
        publisher.refuse();

        SQSBatchResponse response = handler.handleRequest(
                EventFixtures.event("sqs-reader-retries-exhausted.json", SQSEvent.class), null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("2e1424d4-f796-459a-8184-9c92662be6da");
    }

    @Test
    void handleRequest_whenTheUploadWasDeletedMeanwhile_publishesNothing() {
        SQSBatchResponse response = handler.handleRequest(
                EventFixtures.event("sqs-reader-retries-exhausted.json", SQSEvent.class), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(publisher.events()).isEmpty();
    }
}
