package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.CelebritySummary;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.emotionanalyser.router.domain.TenantId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One image in a tenant's catalogue (images table): what happened to it and the summary of its faces.
 *
 * @param analyzedAt      when it was analysed (or rejected), truncated to milliseconds: the emotion rows' sort keys
 *                        are built from it, so it is the first recorded time of the image and never changes
 * @param emotionCounts   faces per dominant emotion, judged with the tenant's threshold; empty when rejected
 * @param dominantEmotion {@code null} when there are no faces or the image was rejected
 * @param celebrities     names of the recognised known faces, in face order
 * @param reason          why it was rejected; {@code null} when analysed
 * @param message         the rejection message; {@code null} when analysed
 * @param analysis        the full analysis as recorded (faces, boxes, scores); {@code null} when rejected
 * @param expiresAt       when the record expires (TTL), {@code null} when the tenant keeps results
 */
public record ImageRecord(String tenantId,
                          String imageId,
                          ImageStatus status,
                          String s3Key,
                          Instant analyzedAt,
                          int faceCount,
                          Map<Emotion, Integer> emotionCounts,
                          Emotion dominantEmotion,
                          List<String> celebrities,
                          RejectionReason reason,
                          String message,
                          ImageAnalyzed analysis,
                          Instant expiresAt) {

    public ImageRecord {
        TenantId.require(tenantId);
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(s3Key, "s3Key");
        analyzedAt = Objects.requireNonNull(analyzedAt, "analyzedAt").truncatedTo(ChronoUnit.MILLIS);
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        if (emotionCounts != null) {
            counts.putAll(emotionCounts);
        }
        emotionCounts = Collections.unmodifiableMap(counts);
        celebrities = celebrities == null ? List.of() : List.copyOf(celebrities);
        // The TTL attribute holds epoch seconds.
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The record of an analysed image; the analysis must already be judged with the tenant's threshold.
     *
     * @param expiresAt {@code null} to keep it
     */
    public static ImageRecord analyzed(ImageAnalyzed analysis, Instant expiresAt) {
        List<String> names = analysis.celebrities().stream().map(CelebritySummary::name).toList();
        return new ImageRecord(analysis.tenantId(), analysis.imageId(), ImageStatus.ANALYZED,
                analysis.object().key(), analysis.analyzedAt(), analysis.faces().size(), analysis.emotionCounts(),
                analysis.dominantEmotion(), names, null, null, analysis, expiresAt);
    }

    /**
     * The record of a rejected image.
     *
     * @param expiresAt {@code null} to keep it
     */
    public static ImageRecord rejected(ImageRejected rejection, Instant expiresAt) {
        return new ImageRecord(rejection.tenantId(), rejection.imageId(), ImageStatus.REJECTED,
                rejection.object().key(), rejection.rejectedAt(), 0, Map.of(), null, List.of(),
                rejection.reason(), rejection.message(), null, expiresAt);
    }

    /**
     * One emotion-table row per emotion present, keyed by this record's {@link #analyzedAt()}. A rejected image or
     * an image without faces has none.
     */
    public List<EmotionRow> emotionRows() {
        return emotionCounts.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .map(entry -> new EmotionRow(tenantId, entry.getKey(), analyzedAt, imageId, entry.getValue(),
                        faceCount, celebrities, s3Key, expiresAt))
                .toList();
    }
}
