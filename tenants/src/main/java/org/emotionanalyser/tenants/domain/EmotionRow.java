package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.TenantId;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One row of a per-emotion table: an image in which at least one face had this dominant emotion.
 *
 * <p>Rows are keyed by tenant and {@link #sortKey()} = {@code analyzedAt#imageId}, with {@code analyzedAt} written
 * as fixed-width ISO-8601 UTC with milliseconds, so that the text order of keys is the time order.
 *
 * @param faceCount   faces whose dominant emotion is this one
 * @param totalFaces  all faces of the image
 * @param celebrities names of the recognised known faces in the image
 * @param expiresAt   TTL, {@code null} when the tenant keeps results
 */
public record EmotionRow(String tenantId,
                         Emotion emotion,
                         Instant analyzedAt,
                         String imageId,
                         int faceCount,
                         int totalFaces,
                         List<String> celebrities,
                         String s3Key,
                         Instant expiresAt) {

    /** {@code 2026-11-21T10:15:30.123Z}: always four-digit years and three-digit milliseconds. */
    private static final DateTimeFormatter SORTABLE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Separates time and image id in the sort key. */
    public static final char KEY_SEPARATOR = '#';

    public EmotionRow {
        TenantId.require(tenantId);
        Objects.requireNonNull(emotion, "emotion");
        analyzedAt = Objects.requireNonNull(analyzedAt, "analyzedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(imageId, "imageId");
        celebrities = celebrities == null ? List.of() : List.copyOf(celebrities);
        // The TTL attribute holds epoch seconds.
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The row's sort key, {@code analyzedAt#imageId}. */
    public String sortKey() {
        return sortKey(analyzedAt, imageId);
    }

    /** The sort key of the row for an image analysed at the given time. */
    public static String sortKey(Instant analyzedAt, String imageId) {
        return sortableTime(analyzedAt) + KEY_SEPARATOR + imageId;
    }

    /** An instant as it appears in sort keys; also the bound used for time-range queries. */
    public static String sortableTime(Instant instant) {
        return SORTABLE_TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Parses the time part of a sort key. */
    public static Instant timeOfSortKey(String sortKey) {
        int separator = sortKey.indexOf(KEY_SEPARATOR);
        return Instant.parse(separator < 0 ? sortKey : sortKey.substring(0, separator));
    }
}
