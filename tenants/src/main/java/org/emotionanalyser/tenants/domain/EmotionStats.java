package org.emotionanalyser.tenants.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.router.domain.Emotion;

/**
 * Faces per emotion per time bucket over {@code [from, to)}. Buckets are aligned to the epoch (a 5-minute bucket
 * starts at :00, :05, ...), listed oldest first, and every bucket of the range is present, empty ones included.
 *
 * @param totals faces per emotion over the whole range
 */
public record EmotionStats(Instant from, Instant to, StatsBucket bucket, List<Bucket> buckets,
                           Map<Emotion, Long> totals) {

    /** One bucket: its start and the faces per emotion whose image was analysed in it. */
    public record Bucket(Instant start, Map<Emotion, Long> faces) {
    }
}
