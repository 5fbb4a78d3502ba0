package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.RejectionReason;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a tenant's subscribers are told about one image. {@link #notificationId()} is the same for every copy of
 * an image's notification, so a subscriber can drop the rare duplicate (see the module README).
 *
 * @param imageUrl presigned GET URL of the uploaded image
 * @param reason   {@code null} unless REJECTED
 * @param message  {@code null} unless REJECTED
 */
public record ImageNotification(String tenantId,
                                String imageId,
                                ImageStatus status,
                                Map<Emotion, Integer> emotionCounts,
                                Emotion dominantEmotion,
                                List<String> celebrities,
                                int faceCount,
                                Instant analyzedAt,
                                String imageUrl,
                                RejectionReason reason,
                                String message) {

    public ImageNotification {
        emotionCounts = emotionCounts == null ? Map.of() : Map.copyOf(emotionCounts);
        celebrities = celebrities == null ? List.of() : List.copyOf(celebrities);
    }

    /** The notification of a recorded image, with a link to it. */
    public static ImageNotification of(ImageRecord record, String imageUrl) {
        return new ImageNotification(record.tenantId(), record.imageId(), record.status(), record.emotionCounts(),
                record.dominantEmotion(), record.celebrities(), record.faceCount(), record.analyzedAt(), imageUrl,
                record.reason(), record.message());
    }

    /**
     * The notification's stable id: a name-based UUID of tenant and image. One outcome is ever published per image
     * (the first recorded wins), so every copy of it carries this id and nothing else does.
     */
    public String notificationId() {
        return UUID.nameUUIDFromBytes(("notification#" + tenantId + '#' + imageId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Emotions present, in enum order. */
    public List<Emotion> emotions() {
        return emotionCounts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }
}
