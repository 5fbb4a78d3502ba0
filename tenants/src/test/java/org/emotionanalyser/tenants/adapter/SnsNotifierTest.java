package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.ImageNotification;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.testing.RecordingSnsServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SnsNotifierTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:p-tenant-acme";
    private static final Instant AT = Instant.parse("2026-11-21T10:15:30.123Z");

    private static ImageNotification analyzed(List<String> celebrities) {
        return new ImageNotification("acme", "3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a", ImageStatus.ANALYZED,
                Map.of(Emotion.SAD, 1, Emotion.HAPPY, 2), Emotion.HAPPY, celebrities, 3, AT,
                "https://images.example/x?sig=1", null, null);
    }

    private static ImageNotification rejected() {
        return new ImageNotification("acme", "7c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f", ImageStatus.REJECTED, Map.of(), null,
                List.of(), 0, AT, "https://images.example/y?sig=2", RejectionReason.CORRUPT,
                "the file is not a readable image");
    }

    @Test
    void attributes_whenImageAnalyzed_carryFilterableEmotionsCelebritiesAndFaceCount() {
        Map<String, MessageAttributeValue> attributes =
                SnsNotifier.attributes(analyzed(List.of("Ada Lovelace", "Alan \"The\" Turing")));

        assertThat(attributes.get("emotion").dataType()).isEqualTo("String.Array");
        assertThat(attributes.get("emotion").stringValue()).isEqualTo("[\"HAPPY\",\"SAD\"]");
        assertThat(attributes.get("celebrity").dataType()).isEqualTo("String.Array");
        assertThat(attributes.get("celebrity").stringValue()).isEqualTo("[\"Ada Lovelace\",\"Alan \\\"The\\\" Turing\"]");
        assertThat(attributes.get("faceCount").dataType()).isEqualTo("Number");
        assertThat(attributes.get("faceCount").stringValue()).isEqualTo("3");
        assertThat(attributes.get("dominantEmotion").stringValue()).isEqualTo("HAPPY");
        assertThat(attributes.get("status").stringValue()).isEqualTo("ANALYZED");
        assertThat(attributes.get("imageId").stringValue()).isEqualTo("3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a");
    }

    @Test
    void attributes_whenNoCelebrity_leavesCelebrityOutSoExistsFiltersDoNotMatch() {
        assertThat(SnsNotifier.attributes(analyzed(List.of()))).doesNotContainKey("celebrity");
    }

    @Test
    void attributes_whenImageRejected_carryOnlyStatusImageIdNotificationIdAndReason() {
        Map<String, MessageAttributeValue> attributes = SnsNotifier.attributes(rejected());

        assertThat(attributes).containsOnlyKeys("status", "imageId", "notificationId", "reason");
        assertThat(attributes.get("status").stringValue()).isEqualTo("REJECTED");
        assertThat(attributes.get("reason").stringValue()).isEqualTo("CORRUPT");
    }

    @Test
    void body_whenImageAnalyzed_isJsonWithSummaryAndLink() throws Exception {
        JsonNode body = EventJson.mapper().readTree(SnsNotifier.body(analyzed(List.of("Ada Lovelace"))));

        assertThat(body.path("tenantId").asText()).isEqualTo("acme");
        assertThat(body.path("imageId").asText()).isEqualTo("3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a");
        assertThat(body.path("status").asText()).isEqualTo("ANALYZED");
        assertThat(body.path("analyzedAt").asText()).isEqualTo("2026-11-21T10:15:30.123Z");
        assertThat(body.path("faceCount").asInt()).isEqualTo(3);
        assertThat(body.path("emotionCounts").path("HAPPY").asInt()).isEqualTo(2);
        assertThat(body.path("dominantEmotion").asText()).isEqualTo("HAPPY");
        assertThat(body.path("celebrities").get(0).asText()).isEqualTo("Ada Lovelace");
        assertThat(body.path("imageUrl").asText()).isEqualTo("https://images.example/x?sig=1");
        assertThat(body.has("reason")).isFalse();
    }

    @Test
    void body_whenImageRejected_saysWhy() throws Exception {
        JsonNode body = EventJson.mapper().readTree(SnsNotifier.body(rejected()));

        assertThat(body.path("status").asText()).isEqualTo("REJECTED");
        assertThat(body.path("reason").asText()).isEqualTo("CORRUPT");
        assertThat(body.path("message").asText()).isEqualTo("the file is not a readable image");
        assertThat(body.path("dominantEmotion").isNull()).isTrue();
    }

    @Test
    void subject_whenImageAnalyzed_summarisesFacesWithinSnsLimit() {
        assertThat(SnsNotifier.subject(analyzed(List.of())))
                .isEqualTo("Image 3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a analysed: 3 faces, mostly HAPPY")
                .hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void publish_whenSentOverTheWire_postsTopicMessageAndTypedAttributes() {
        try (RecordingSnsServer server = new RecordingSnsServer()) {
            AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL", server.endpoint(), "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test"));
            try (SnsClient sns = settings.build(SnsClient.builder(), Duration.ofSeconds(5))) {
                new SnsNotifier(sns).publish(TOPIC, analyzed(List.of("Ada Lovelace")));
            }

            assertThat(server.publishes()).singleElement().satisfies(publish -> {
                assertThat(publish.get("TopicArn")).isEqualTo(TOPIC);
                assertThat(publish.get("Message")).contains("\"imageId\":\"3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a\"");
                assertThat(RecordingSnsServer.attributes(publish))
                        .containsEntry("emotion", List.of("String.Array", "[\"HAPPY\",\"SAD\"]"))
                        .containsEntry("celebrity", List.of("String.Array", "[\"Ada Lovelace\"]"))
                        .containsEntry("faceCount", List.of("Number", "3"))
                        .containsEntry("dominantEmotion", List.of("String", "HAPPY"))
                        .containsEntry("status", List.of("String", "ANALYZED"));
            });
        }
    }

    @Test
    void toRequest_whenTheSameImageIsNotifiedTwice_carriesTheSameNotificationIdInBodyAndAttributes() throws Exception {
        ImageNotification first = analyzed(List.of());
        ImageNotification copy = new ImageNotification(first.tenantId(), first.imageId(), first.status(),
                first.emotionCounts(), first.dominantEmotion(), first.celebrities(), first.faceCount(),
                first.analyzedAt(), "https://example.com/other-link", null, null);

        PublishRequest one = SnsNotifier.toRequest("arn:aws:sns:eu-west-1:1:t", first);
        PublishRequest two = SnsNotifier.toRequest("arn:aws:sns:eu-west-1:1:t", copy);

        String id = one.messageAttributes().get("notificationId").stringValue();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(two.messageAttributes().get("notificationId").stringValue()).isEqualTo(id);
        assertThat(EventJson.mapper().readTree(one.message()).path("notificationId").asText()).isEqualTo(id);
        assertThat(SnsNotifier.attributes(rejected()).get("notificationId").stringValue()).isNotEqualTo(id);
    }
}
