package org.emotionanalyser.router.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One detected face: where it is, how sure the detector is, its emotions (highest first), the dominant
 * emotion after the confidence threshold was applied, and the known face it matched, if any.
 *
 * @param celebrity the recognised person, or {@code null} when the face is not a known one
 */
public record Face(BoundingBox boundingBox,
                   double confidence,
                   List<EmotionScore> emotions,
                   Emotion dominantEmotion,
                   CelebrityMatch celebrity) {

    public Face {
        Objects.requireNonNull(boundingBox, "boundingBox");
        emotions = emotions == null ? List.of() : emotions.stream()
                .sorted(Comparator.comparingDouble(EmotionScore::confidence).reversed())
                .toList();
        Objects.requireNonNull(dominantEmotion, "dominantEmotion");
    }

    /** Builds a face whose dominant emotion is derived from its scores with the given threshold. */
    public static Face of(BoundingBox box, double confidence, List<EmotionScore> emotions,
                          CelebrityMatch celebrity, double emotionThreshold) {
        return new Face(box, confidence, emotions,
                EmotionRules.dominantEmotion(emotions, emotionThreshold), celebrity);
    }

    /** The same face judged again with another threshold (the tenant's, say). */
    public Face withThreshold(double emotionThreshold) {
        return new Face(boundingBox, confidence, emotions,
                EmotionRules.dominantEmotion(emotions, emotionThreshold), celebrity);
    }
}
