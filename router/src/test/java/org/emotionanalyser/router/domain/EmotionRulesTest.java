package org.emotionanalyser.router.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmotionRulesTest {

    private static final BoundingBox BOX = new BoundingBox(0, 0, 0.1, 0.1);

    private static Face face(Emotion emotion, double confidence) {
        return Face.of(BOX, 99, List.of(new EmotionScore(emotion, confidence), new EmotionScore(Emotion.CALM, 1)),
                null, 50);
    }

    @Test
    void dominantEmotion_whenTopScoreReachesThreshold_isTheTopEmotion() {
        assertThat(EmotionRules.dominantEmotion(List.of(new EmotionScore(Emotion.SAD, 10),
                new EmotionScore(Emotion.HAPPY, 50)), 50)).isEqualTo(Emotion.HAPPY);
    }

    @Test
    void dominantEmotion_whenTopScoreBelowThreshold_isOther() {
        assertThat(EmotionRules.dominantEmotion(List.of(new EmotionScore(Emotion.HAPPY, 49.9)), 50))
                .isEqualTo(Emotion.OTHER);
    }

    @Test
    void dominantEmotion_whenNoScores_isOther() {
        assertThat(EmotionRules.dominantEmotion(List.of(), 0)).isEqualTo(Emotion.OTHER);
    }

    @Test
    void dominantEmotion_whenThresholdOutOfRange_throws() {
        assertThatThrownBy(() -> EmotionRules.dominantEmotion(List.of(), 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 100");
    }

    @Test
    void of_whenCrowdHasSeveralEmotions_countsFacesPerEmotionAndPicksTheMostFrequent() {
        ImageAnalyzed event = ImageAnalyzed.of("abc", "0123456789abcdef0123456789abcdef",
                new StoredObject("b", "k", 1, "e", "image/jpeg"), java.time.Instant.EPOCH, "local",
                new PersonDetection(true, 99),
                List.of(face(Emotion.HAPPY, 90), face(Emotion.SAD, 95), face(Emotion.HAPPY, 60),
                        face(Emotion.ANGRY, 30)));

        assertThat(event.emotionCounts()).containsExactly(Map.entry(Emotion.HAPPY, 2), Map.entry(Emotion.SAD, 1),
                Map.entry(Emotion.OTHER, 1));
        assertThat(event.dominantEmotion()).isEqualTo(Emotion.HAPPY);
    }

    @Test
    void dominantEmotionOfImage_whenCountsTie_prefersHigherSummedConfidenceWhateverTheOrder() {
        List<Face> faces = List.of(face(Emotion.SAD, 60), face(Emotion.HAPPY, 95));

        assertThat(EmotionRules.dominantEmotionOfImage(faces)).isEqualTo(Emotion.HAPPY);
        assertThat(EmotionRules.dominantEmotionOfImage(List.of(faces.get(1), faces.get(0))))
                .isEqualTo(Emotion.HAPPY);
    }

    @Test
    void withEmotionThreshold_whenTenantIsStricter_movesWeakFacesToOther() {
        ImageAnalyzed event = ImageAnalyzed.of("abc", "0123456789abcdef0123456789abcdef",
                new StoredObject("b", "k", 1, "e", "image/jpeg"), java.time.Instant.EPOCH, "local",
                new PersonDetection(true, 99), List.of(face(Emotion.HAPPY, 90), face(Emotion.HAPPY, 60)));

        ImageAnalyzed strict = event.withEmotionThreshold(80);

        assertThat(strict.emotionCounts()).containsExactly(Map.entry(Emotion.HAPPY, 1), Map.entry(Emotion.OTHER, 1));
    }
}
