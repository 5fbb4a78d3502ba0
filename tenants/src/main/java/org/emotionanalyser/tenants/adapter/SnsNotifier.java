package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.json.EventJson;
import org.emotionanalyser.tenants.domain.ImageNotification;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.port.Notifier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes image notifications to a tenant's SNS topic: a JSON body, a subject for e-mail subscribers, and message
 * attributes for subscription filter policies.
 *
 * <p>Every message carries {@code notificationId} in its body and attributes: the same for every copy of an
 * image's notification, for subscribers to de-duplicate on. The SNS client must not retry Publish (wire it with
 * {@code AwsClientSettings.withoutSdkRetries()}): a retry after a lost response publishes a second copy within one
 * call, and the consumer's PUBLISHING state can only account for copies across calls.
 *
 * <p>Attributes of an ANALYZED image: {@code status}, {@code imageId}, {@code notificationId}, {@code faceCount} (Number), and, only when
 * there is something to say, {@code dominantEmotion} (String), {@code emotion} and {@code celebrity}
 * (String.Array). Absent rather than empty, so {@code {"celebrity":[{"exists":true}]}} means "has a celebrity".
 * A REJECTED image carries only {@code status}, {@code imageId}, {@code notificationId} and {@code reason}: subscriptions filtering on
 * emotions, celebrities or face counts do not receive it.
 */
public final class SnsNotifier implements Notifier {

    static final String EMOTION = "emotion";
    static final String CELEBRITY = "celebrity";
    static final String FACE_COUNT = "faceCount";
    static final String DOMINANT_EMOTION = "dominantEmotion";
    static final String STATUS = "status";
    static final String IMAGE_ID = "imageId";
    static final String NOTIFICATION_ID = "notificationId";
    static final String REASON = "reason";

    private static final ObjectMapper MAPPER = EventJson.mapper();
    /** SNS subjects are at most 100 characters. */
    private static final int MAX_SUBJECT = 100;

    private final SnsClient sns;

    public SnsNotifier(SnsClient sns) {
        this.sns = sns;
    }

    @Override
    public void publish(String topicArn, ImageNotification notification) {
        sns.publish(toRequest(topicArn, notification));
    }

    /** The Publish request for a notification. */
    static PublishRequest toRequest(String topicArn, ImageNotification notification) {
        return PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject(notification))
                .message(body(notification))
                .messageAttributes(attributes(notification))
                .build();
    }

    static String body(ImageNotification notification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationId", notification.notificationId());
        body.put("tenantId", notification.tenantId());
        body.put("imageId", notification.imageId());
        body.put("status", notification.status().name());
        body.put("analyzedAt", notification.analyzedAt().toString());
        body.put("faceCount", notification.faceCount());
        Map<String, Integer> counts = new LinkedHashMap<>();
        notification.emotionCounts().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> counts.put(entry.getKey().name(), entry.getValue()));
        body.put("emotionCounts", counts);
        body.put("dominantEmotion", notification.dominantEmotion() == null ? null
                : notification.dominantEmotion().name());
        body.put("celebrities", notification.celebrities());
        body.put("imageUrl", notification.imageUrl());
        if (notification.status() == ImageStatus.REJECTED) {
            body.put("reason", notification.reason() == null ? null : notification.reason().name());
            body.put("message", notification.message());
        }
        return json(body);
    }

    static Map<String, MessageAttributeValue> attributes(ImageNotification notification) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(STATUS, string(notification.status().name()));
        attributes.put(IMAGE_ID, string(notification.imageId()));
        attributes.put(NOTIFICATION_ID, string(notification.notificationId()));
        if (notification.status() == ImageStatus.REJECTED) {
            if (notification.reason() != null) {
                attributes.put(REASON, string(notification.reason().name()));
            }
            return attributes;
        }
        attributes.put(FACE_COUNT, MessageAttributeValue.builder()
                .dataType("Number").stringValue(Integer.toString(notification.faceCount())).build());
        if (notification.dominantEmotion() != null) {
            attributes.put(DOMINANT_EMOTION, string(notification.dominantEmotion().name()));
        }
        List<String> emotions = notification.emotions().stream().map(Emotion::name).toList();
        if (!emotions.isEmpty()) {
            attributes.put(EMOTION, stringArray(emotions));
        }
        List<String> celebrities = notification.celebrities().stream().distinct().toList();
        if (!celebrities.isEmpty()) {
            attributes.put(CELEBRITY, stringArray(celebrities));
        }
        return attributes;
    }

    static String subject(ImageNotification notification) {
        String subject = notification.status() == ImageStatus.REJECTED
                ? "Image " + notification.imageId() + " rejected: " + notification.reason()
                : "Image " + notification.imageId() + " analysed: " + notification.faceCount() + " face"
                        + (notification.faceCount() == 1 ? "" : "s")
                        + (notification.dominantEmotion() == null ? "" : ", mostly " + notification.dominantEmotion());
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** String.Array values are JSON array text. */
    private static MessageAttributeValue stringArray(List<String> values) {
        return MessageAttributeValue.builder().dataType("String.Array").stringValue(json(values)).build();
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps, lists and strings always serialise", e);
        }
    }
}
