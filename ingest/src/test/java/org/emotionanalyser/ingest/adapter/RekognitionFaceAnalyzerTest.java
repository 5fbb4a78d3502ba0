package org.emotionanalyser.ingest.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.ingest.domain.AnalyzerUnavailableException;
import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.ImageInspector;
import org.emotionanalyser.ingest.domain.ImageReference;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.ingest.domain.ProcessingOutcome;
import org.emotionanalyser.ingest.domain.UploadProcessor;
import org.emotionanalyser.ingest.domain.UploadedObject;
import org.emotionanalyser.ingest.testing.InMemoryImageStore;
import org.emotionanalyser.ingest.testing.RecordingEventPublisher;
import org.emotionanalyser.ingest.testing.AwsReplayServer;
import org.emotionanalyser.ingest.testing.AwsReplayServer.Reply;
import org.emotionanalyser.ingest.testing.TestImages;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.json.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rekognition.RekognitionClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer.DETECT_FACES;
import static org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer.DETECT_LABELS;
import static org.emotionanalyser.ingest.adapter.RekognitionFaceAnalyzer.RECOGNIZE_CELEBRITIES;

/**
 * The real Rekognition client against recorded, real-shaped Rekognition responses, through the reader's use case,
 * so each test asserts the event a consumer would receive.
 */
class RekognitionFaceAnalyzerTest {

    private static final String BUCKET = "emotion-analyser-dev-images-1a2b3c";
    private static final String KEY = "uploads/acme-events/5d41402abc4b2a76b9719d911017c592.jpg";

    private AwsReplayServer server;
    private RekognitionClient client;
    private final List<Long> pauses = new ArrayList<>();
    private final InMemoryImageStore store = new InMemoryImageStore();
    private final RecordingEventPublisher publisher = new RecordingEventPublisher();

    @BeforeEach
    void start() throws IOException {
        server = new AwsReplayServer();
        client = server.clientSettings().build(RekognitionClient.builder().addPlugin(AwsClientSettings.withoutSdkRetries()),
                Duration.ofSeconds(10));
        store.add(BUCKET, KEY, TestImages.jpeg(640, 480), "image/jpeg");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void analyze_whenNoPersonIsFound_publishesNoFacesAfterOneCall() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-no-person.json"));

        Result result = process();

        ImageAnalyzed event = result.analyzed();
        assertThat(event.person().detected()).isFalse();
        assertThat(event.faces()).isEmpty();
        assertThat(event.emotionCounts()).isEmpty();
        assertThat(event.dominantEmotion()).isNull();
        assertThat(result.calls()).isEqualTo(Map.of(DETECT_LABELS, 1));
    }

    @Test
    void analyze_whenThePersonLabelIsBelowTheThreshold_reportsItsConfidenceButAnalysesNoFaces() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person-unsure.json"));

        ImageAnalyzed event = process().analyzed();

        assertThat(event.person().detected()).isFalse();
        assertThat(event.person().confidence()).isCloseTo(72.4, within(0.01));
        assertThat(server.requestsFor(RECOGNIZE_CELEBRITIES)).isZero();
    }

    @Test
    void analyze_whenCelebrityAndUnknownFacesCarryEmotions_publishesThemAfterTwoCallsWithoutDetectFaces() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person.json"))
                .on(RECOGNIZE_CELEBRITIES, Reply.ok("rekognition/recognize-celebrities-group.json"));

        Result result = process();

        ImageAnalyzed event = result.analyzed();
        assertThat(event.person().detected()).isTrue();
        assertThat(event.person().confidence()).isCloseTo(99.53, within(0.01));
        assertThat(event.faces()).hasSize(3);
        Face celebrity = faceAt(event, 0.66);
        assertThat(celebrity.celebrity()).isEqualTo(new CelebrityMatch("Ada Lovelace", "4Kx2Rq9", 99.6f));
        assertThat(celebrity.dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(faceAt(event, 0.1).celebrity()).isNull();
        assertThat(faceAt(event, 0.4).dominantEmotion()).isEqualTo(Emotion.SAD);
        assertThat(celebrity.emotions()).hasSize(8);
        assertThat(celebrity.emotions().get(0).confidence()).isCloseTo(97.4, within(0.01));
        assertThat(event.emotionCounts()).isEqualTo(Map.of(Emotion.HAPPY, 2, Emotion.SAD, 1));
        assertThat(event.dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(event.celebrities()).singleElement()
                .satisfies(summary -> assertThat(summary.name()).isEqualTo("Ada Lovelace"));
        assertThat(result.calls()).isEqualTo(Map.of(DETECT_LABELS, 1, RECOGNIZE_CELEBRITIES, 1));
        assertThat(server.requestsFor(DETECT_FACES)).isZero();
    }

    @Test
    void analyze_whenRecognizeCelebritiesGivesNoEmotions_addsDetectFacesAndAttachesTheCelebrityByOverlap() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person.json"))
                .on(RECOGNIZE_CELEBRITIES, Reply.ok("rekognition/recognize-celebrities-no-emotions.json"))
                .on(DETECT_FACES, Reply.ok("rekognition/detect-faces-group.json"));

        Result result = process();

        ImageAnalyzed event = result.analyzed();
        assertThat(event.faces()).hasSize(3);
        assertThat(faceAt(event, 0.66).celebrity().name()).isEqualTo("Ada Lovelace");
        assertThat(faceAt(event, 0.66).dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(faceAt(event, 0.1).celebrity()).isNull();
        assertThat(faceAt(event, 0.1).dominantEmotion()).isEqualTo(Emotion.SURPRISED);
        // CALM at 42% is below the default threshold of 50.
        assertThat(faceAt(event, 0.4).dominantEmotion()).isEqualTo(Emotion.OTHER);
        assertThat(event.emotionCounts()).isEqualTo(
                Map.of(Emotion.HAPPY, 1, Emotion.SURPRISED, 1, Emotion.OTHER, 1));
        assertThat(event.dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(result.calls()).isEqualTo(Map.of(DETECT_LABELS, 1, RECOGNIZE_CELEBRITIES, 1, DETECT_FACES, 1));
        JsonNode detectFaces = requestBody(DETECT_FACES);
        assertThat(detectFaces.path("Attributes").get(0).asText()).isEqualTo("ALL");
    }

    @Test
    void analyze_whenRecognizeCelebritiesHitsItsFaceLimit_addsDetectFacesForTheSmallerFaces() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person.json"))
                .on(RECOGNIZE_CELEBRITIES, new Reply(200, crowdOf(RekognitionFaceAnalyzer.RECOGNIZE_CELEBRITIES_MAX_FACES)))
                .on(DETECT_FACES, Reply.ok("rekognition/detect-faces-group.json"));

        Result result = process();

        assertThat(result.calls().get(DETECT_FACES)).isEqualTo(1);
        assertThat(result.analyzed().faces()).hasSize(3);
    }

    @Test
    void analyze_whenAPersonShowsNoFace_publishesAPersonWithoutFacesAfterTwoCalls() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person.json"))
                .on(RECOGNIZE_CELEBRITIES, Reply.ok("rekognition/recognize-celebrities-no-face.json"));

        Result result = process();

        assertThat(result.analyzed().person().detected()).isTrue();
        assertThat(result.analyzed().faces()).isEmpty();
        assertThat(result.calls()).isEqualTo(Map.of(DETECT_LABELS, 1, RECOGNIZE_CELEBRITIES, 1));
    }

    @Test
    void analyze_whenImageIsStored_sendsTheObjectReferenceAndAsksOnlyForThePersonLabel() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-no-person.json"));

        process();

        JsonNode request = requestBody(DETECT_LABELS);
        assertThat(request.at("/Image/S3Object/Bucket").asText()).isEqualTo(BUCKET);
        assertThat(request.at("/Image/S3Object/Name").asText()).isEqualTo(KEY);
        assertThat(request.at("/Image/Bytes").isMissingNode()).isTrue();
        assertThat(request.at("/Settings/GeneralLabels/LabelInclusionFilters/0").asText()).isEqualTo("Person");
    }

    @Test
    void analyze_whenImageIsSentAsBytes_sendsThemBase64Encoded() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-no-person.json"));
        byte[] jpeg = TestImages.jpeg(100, 100);

        analyzer().analyze(new ImageReference.EncodedImage(jpeg, ImageFormat.JPEG), InvocationBudget.unlimited());

        assertThat(requestBody(DETECT_LABELS).at("/Image/Bytes").asText())
                .isEqualTo(java.util.Base64.getEncoder().encodeToString(jpeg));
    }

    @Test
    void analyze_whenThrottledThenServed_retriesWithGrowingPausesAndAnalyses() {
        server.on(DETECT_LABELS, Reply.error(400, "rekognition/error-throttling.json"),
                        Reply.error(500, "rekognition/error-internal.json"),
                        Reply.ok("rekognition/detect-labels-person.json"))
                .on(RECOGNIZE_CELEBRITIES, Reply.ok("rekognition/recognize-celebrities-group.json"));

        Result result = process();

        assertThat(result.analyzed().faces()).hasSize(3);
        assertThat(server.requestsFor(DETECT_LABELS)).isEqualTo(3);
        assertThat(result.calls()).isEqualTo(Map.of(DETECT_LABELS, 1, RECOGNIZE_CELEBRITIES, 1));
        assertThat(result.retries()).isEqualTo(2);
        // Exponential backoff with jitter: 100-200 ms, then 200-400 ms.
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(100L, 200L);
        assertThat(pauses.get(1)).isBetween(200L, 400L);
    }

    @Test
    void analyze_whenThrottlingPersists_failsTheInvocationAfterAFewAttemptsInsteadOfRejecting() {
        server.on(DETECT_LABELS, Reply.error(400, "rekognition/error-throttling.json"));

        assertThatThrownBy(this::process)
                .isInstanceOf(AnalyzerUnavailableException.class)
                .hasMessageContaining("ThrottlingException").hasMessageContaining("4 attempts");
        assertThat(server.requestsFor(DETECT_LABELS)).isEqualTo(4);
        assertThat(pauses).hasSize(3);
        assertThat(publisher.events()).isEmpty();
    }

    @Test
    void analyze_whenTheInvocationHasAlmostNoTimeLeft_startsNoAttemptAndFailsTheInvocation() {
        server.on(DETECT_LABELS, Reply.ok("rekognition/detect-labels-person.json"));

        assertThatThrownBy(() -> analyzer().analyze(new ImageReference.StoredImage(BUCKET, KEY, null),
                () -> Duration.ofMillis(10_500)))
                .isInstanceOf(AnalyzerUnavailableException.class)
                .hasMessageContaining("no time left");
        assertThat(server.requestsFor(DETECT_LABELS)).isZero();
    }

    @Test
    void analyze_whenPausesWouldOutliveTheInvocation_stopsRetryingBeforeItsTimeout() {
        server.on(DETECT_LABELS, Reply.error(400, "rekognition/error-throttling.json"));
        long[] slept = {0};
        RekognitionFaceAnalyzer analyzer = new RekognitionFaceAnalyzer(client, 90, millis -> slept[0] += millis);
        // 11.5 s left: 10 s are kept for publishing, so a pause of more than half a second leaves too little.

        assertThatThrownBy(() -> analyzer.analyze(new ImageReference.StoredImage(BUCKET, KEY, null),
                () -> Duration.ofMillis(11_500 - slept[0])))
                .isInstanceOf(AnalyzerUnavailableException.class);
        assertThat(server.requestsFor(DETECT_LABELS)).isBetween(2L, 3L);
        assertThat(slept[0]).isLessThan(1_500L);
    }

    @Test
    void analyze_whenRekognitionRefusesTheImageFormat_rejectsWithoutRetrying() {
        server.on(DETECT_LABELS, Reply.error(400, "rekognition/error-invalid-image-format.json"));

        Result result = process();

        assertThat(result.rejected().reason()).isEqualTo(RejectionReason.UNSUPPORTED_FORMAT);
        assertThat(server.requestsFor(DETECT_LABELS)).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void analyze_whenTheServiceCannotBeReached_failsTheInvocationSoLambdaRetriesIt() {
        server.close();

        assertThatThrownBy(() -> analyzer().analyze(new ImageReference.StoredImage(BUCKET, KEY, null),
                InvocationBudget.unlimited()))
                .isInstanceOf(AnalyzerUnavailableException.class);
    }

    private record Result(ProcessingOutcome.Published outcome) {
        ImageAnalyzed analyzed() {
            assertThat(outcome.event()).isInstanceOf(ImageAnalyzed.class);
            return (ImageAnalyzed) outcome.event();
        }

        ImageRejected rejected() {
            assertThat(outcome.event()).isInstanceOf(ImageRejected.class);
            return (ImageRejected) outcome.event();
        }

        Map<String, Integer> calls() {
            return outcome.calls().byOperation();
        }

        int retries() {
            return outcome.calls().retries();
        }
    }

    private RekognitionFaceAnalyzer analyzer() {
        return new RekognitionFaceAnalyzer(client, 90, pauses::add);
    }

    private Result process() {
        UploadProcessor processor = new UploadProcessor(store,
                new ImageInspector(store, new ImageIoCodec(), ImageDelivery.STORED_OBJECT, 15_728_640L, 80),
                analyzer(), publisher, Clock.fixed(Instant.parse("2026-11-21T10:15:31Z"), ZoneOffset.UTC),
                "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> true);
        ProcessingOutcome outcome = processor.process(new UploadedObject(BUCKET, KEY, "5d41402abc4b2a76b9719d911017c592",
                null));
        assertThat(outcome).isInstanceOf(ProcessingOutcome.Published.class);
        assertThat(publisher.events()).containsExactly(((ProcessingOutcome.Published) outcome).event());
        return new Result((ProcessingOutcome.Published) outcome);
    }

    private static Face faceAt(ImageAnalyzed event, double left) {
        return event.faces().stream()
                .filter(face -> Math.abs(face.boundingBox().left() - left) < 0.01)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no face with left " + left + " in " + event.faces()));
    }

    private JsonNode requestBody(String operation) {
        String body = server.requests().stream().filter(request -> request.operation().equals(operation))
                .findFirst().orElseThrow().body();
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A RecognizeCelebrities answer with this many unrecognised faces, each with emotions. */
    private static String crowdOf(int faces) {
        StringBuilder json = new StringBuilder("{\"CelebrityFaces\":[],\"UnrecognizedFaces\":[");
        for (int i = 0; i < faces; i++) {
            if (i > 0) {
                json.append(',');
            }
            double left = (i % 8) * 0.12;
            double top = (i / 8) * 0.12;
            json.append("{\"BoundingBox\":{\"Width\":0.05,\"Height\":0.06,\"Left\":").append(left)
                    .append(",\"Top\":").append(top).append("},\"Confidence\":99.2,")
                    .append("\"Emotions\":[{\"Type\":\"CALM\",\"Confidence\":80.0}]}");
        }
        return json.append("]}").toString();
    }
}
