package org.emotionanalyser.router.json;

import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.EventEnvelope;
import org.emotionanalyser.router.domain.Face;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.InvalidEventException;
import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.StoredObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final StoredObject OBJECT = new StoredObject("bucket", "uploads/rock-fest/a b+ü.jpg", 12,
            "etag", "image/jpeg");

    @Test
    void parseEnvelope_whenImageAnalyzedFixture_readsEveryContractField() throws IOException {
        EventEnvelope envelope = EventJson.parseEnvelope(fixture("eventbridge-image-analyzed.json"));

        assertThat(envelope.detailType()).isEqualTo("ImageAnalyzed");
        assertThat(envelope.source()).isEqualTo("emotion-analyser.ingest");
        assertThat(envelope.time()).isEqualTo(Instant.parse("2026-11-21T10:15:31Z"));
        ImageAnalyzed detail = (ImageAnalyzed) envelope.detail();
        assertThat(detail.tenantId()).isEqualTo("rock-fest");
        assertThat(detail.analyzedAt()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
        assertThat(detail.faces()).hasSize(2);
        assertThat(detail.faces().get(0).celebrity().name()).isEqualTo("Jane Doe");
        assertThat(detail.faces().get(1).celebrity()).isNull();
        assertThat(detail.faces().get(1).dominantEmotion()).isEqualTo(Emotion.OTHER);
        assertThat(detail.emotionCounts()).containsExactly(Map.entry(Emotion.HAPPY, 1), Map.entry(Emotion.OTHER, 1));
        assertThat(detail.dominantEmotion()).isEqualTo(Emotion.HAPPY);
        assertThat(detail.object().size()).isEqualTo(482133);
    }

    @Test
    void parseEnvelope_whenImageRejectedFixture_readsReasonAndMessage() throws IOException {
        ImageRejected detail = (ImageRejected) EventJson.parseEnvelope(fixture("eventbridge-image-rejected.json"))
                .detail();

        assertThat(detail.reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(detail.message()).contains("empty");
    }

    @Test
    void toJson_whenAnalyzedEventRoundTrips_isEqualToTheOriginal() {
        Face happyCelebrity = Face.of(new BoundingBox(0.1, 0.2, 0.3, 0.4), 99.5,
                List.of(new EmotionScore(Emotion.CALM, 2), new EmotionScore(Emotion.HAPPY, 96)),
                new CelebrityMatch("Jane Doe", "abc", 97.5), 50);
        Face unknown = Face.of(new BoundingBox(0.6, 0.2, 0.1, 0.1), 90,
                List.of(new EmotionScore(Emotion.SAD, 20)), null, 50);
        ImageAnalyzed event = ImageAnalyzed.of("rock-fest", "0123456789abcdef0123456789abcdef", OBJECT,
                Instant.parse("2026-11-21T10:00:00.001Z"), "local", new PersonDetection(true, 99.1),
                List.of(happyCelebrity, unknown));

        AnalysisEvent parsed = EventJson.parseDetail("ImageAnalyzed", EventJson.toJson(event));

        assertThat(parsed).isEqualTo(event);
    }

    @Test
    void toJson_whenNoFaces_writesExplicitNullDominantEmotionAndEmptyLists() {
        ImageAnalyzed event = ImageAnalyzed.of("rock-fest", "0123456789abcdef0123456789abcdef", OBJECT,
                Instant.parse("2026-11-21T10:00:00Z"), "rekognition", PersonDetection.none(), List.of());

        String json = EventJson.toJson(event);

        assertThat(json).contains("\"dominantEmotion\":null", "\"faces\":[]", "\"emotionCounts\":{}",
                "\"analyzedAt\":\"2026-11-21T10:00:00Z\"", "\"schemaVersion\":1");
        assertThat(EventJson.parseDetail("ImageAnalyzed", json)).isEqualTo(event);
    }

    @Test
    void toJson_whenRejectedEventRoundTrips_isEqualToTheOriginal() {
        ImageRejected event = ImageRejected.of("rock-fest", "0123456789abcdef0123456789abcdef", OBJECT,
                Instant.parse("2026-11-21T10:00:00Z"), RejectionReason.TOO_SMALL, "image is 50x50 px");

        assertThat(EventJson.parseDetail("ImageRejected", EventJson.toJson(event))).isEqualTo(event);
    }

    @Test
    void parseEnvelope_whenDetailTypeUnknown_throwsNamingIt() {
        assertThatThrownBy(() -> EventJson.parseEnvelope("{\"detail-type\":\"Other\",\"detail\":{}}"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("Other");
    }

    @Test
    void parseEnvelope_whenSchemaVersionIsNewer_refusesIt() {
        String body = "{\"detail-type\":\"ImageRejected\",\"detail\":{\"schemaVersion\":2,\"tenantId\":\"abc\"}}";

        assertThatThrownBy(() -> EventJson.parseEnvelope(body))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("schemaVersion 2");
    }

    @Test
    void parseEnvelope_whenBodyIsNotJson_throwsInvalidEvent() {
        assertThatThrownBy(() -> EventJson.parseEnvelope("not json"))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void parseEnvelope_whenRequiredFieldMissing_throwsInvalidEvent() {
        String body = "{\"detail-type\":\"ImageRejected\",\"detail\":{\"schemaVersion\":1,\"tenantId\":\"abc\"}}";

        assertThatThrownBy(() -> EventJson.parseEnvelope(body))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("does not match the contract");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = EventJsonTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
