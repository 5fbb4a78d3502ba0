package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.Emotion;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EmotionRowTest {

    @Test
    void sortKey_whenInstantHasNoFraction_stillWritesMillisecondsSoTextOrderIsTimeOrder() {
        List<Instant> times = List.of(Instant.parse("2026-11-21T10:15:30Z"), Instant.parse("2026-11-21T10:15:30.5Z"),
                Instant.parse("2026-11-21T10:15:30.123456Z"), Instant.parse("2026-11-21T10:15:31Z"),
                Instant.parse("2026-11-21T09:00:00.999Z"));

        List<Instant> byKey = times.stream()
                .sorted(java.util.Comparator.comparing((Instant t) -> EmotionRow.sortKey(t, "abc")))
                .toList();

        assertThat(EmotionRow.sortKey(times.get(0), "abc")).isEqualTo("2026-11-21T10:15:30.000Z#abc");
        assertThat(byKey).isSortedAccordingTo(Instant::compareTo);
    }

    @Test
    void timeOfSortKey_whenRoundTripped_returnsTheMillisecondInstant() {
        Instant at = Instant.parse("2026-11-21T10:15:30.123456Z");

        assertThat(EmotionRow.timeOfSortKey(EmotionRow.sortKey(at, "abc")))
                .isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
    }

    @Test
    void emotionRows_whenImageHasSeveralEmotions_givesOneRowEachWithTheImagesTotals() {
        ImageRecord record = new ImageRecord("acme", "abc", ImageStatus.ANALYZED, "uploads/acme/abc.jpg",
                Instant.parse("2026-11-21T10:15:30.123Z"), 5,
                java.util.Map.of(Emotion.HAPPY, 3, Emotion.FEAR, 2), Emotion.HAPPY, List.of("Ada Lovelace"),
                null, null, null, null);

        assertThat(record.emotionRows())
                .extracting(EmotionRow::emotion, EmotionRow::faceCount, EmotionRow::totalFaces)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Emotion.HAPPY, 3, 5),
                        org.assertj.core.groups.Tuple.tuple(Emotion.FEAR, 2, 5));
        assertThat(Stream.of(record).flatMap(r -> r.emotionRows().stream()).map(EmotionRow::sortKey))
                .containsOnly("2026-11-21T10:15:30.123Z#abc");
    }
}
