package org.emotionanalyser.tenants.port;

import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.Page;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-emotion tables: for each emotion, a tenant's images with at least one face of that emotion, in time
 * order.
 *
 * <p>Time ranges are half-open: {@code from} inclusive, {@code to} exclusive, at millisecond precision, so
 * consecutive ranges ({@code [a, b)}, {@code [b, c)}) never return a row twice. A {@code null} bound is open.
 */
public interface EmotionTimeline {

    /** Writes the rows; rewriting a row with the same key replaces it, so repeating a write is harmless. */
    void putAll(List<EmotionRow> rows);

    /**
     * One page of a tenant's rows of one emotion in {@code [from, to)}, newest first.
     *
     * @param limit     at most this many items (1 to 1000)
     * @param pageToken {@code null} for the first page, else a token from the previous page of the same query
     * @throws InvalidPageTokenException when the token was issued for another tenant or emotion, or is malformed
     */
    Page<EmotionRow> query(String tenantId, Emotion emotion, Instant from, Instant to, int limit, String pageToken);

    /**
     * Every row of a tenant's emotion in {@code [from, to)}, oldest first, read page by page so memory stays flat
     * (exports).
     */
    void forEach(String tenantId, Emotion emotion, Instant from, Instant to, Consumer<EmotionRow> action);

    /** Removes an image's rows from the given emotions' tables; missing rows are ignored. */
    void deleteImage(String tenantId, String imageId, Instant analyzedAt, Collection<Emotion> emotions);
}
