package org.emotionanalyser.router.domain;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rule that turns faces into emotion classes: a face's dominant emotion is its highest-scored one when that
 * score reaches the threshold, otherwise {@link Emotion#OTHER}; an image's counts are the number of faces per
 * dominant emotion, and its dominant emotion is the most frequent one (ties go to the higher summed confidence,
 * then to the enum order, so the result never depends on face order).
 */
public final class EmotionRules {

    /** Rekognition reports emotions from 0 to 100; a threshold outside that range is a configuration error. */
    public static final double MAX_CONFIDENCE = 100.0;

    private EmotionRules() {
    }

    /** The dominant emotion of one face. */
    public static Emotion dominantEmotion(Collection<EmotionScore> scores, double threshold) {
        requireValidThreshold(threshold);
        EmotionScore best = null;
        for (EmotionScore score : scores) {
            if (best == null || score.confidence() > best.confidence()) {
                best = score;
            }
        }
        if (best == null || best.confidence() < threshold) {
            return Emotion.OTHER;
        }
        return best.type();
    }

    /** Faces per dominant emotion, only for emotions that occur, in enum order. */
    public static Map<Emotion, Integer> countByEmotion(List<Face> faces) {
        Map<Emotion, Integer> counts = new EnumMap<>(Emotion.class);
        for (Face face : faces) {
            counts.merge(face.dominantEmotion(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The image's dominant emotion, or {@code null} when there are no faces.
     */
    public static Emotion dominantEmotionOfImage(List<Face> faces) {
        Map<Emotion, Integer> counts = countByEmotion(faces);
        Map<Emotion, Double> weight = new EnumMap<>(Emotion.class);
        for (Face face : faces) {
            double top = face.emotions().isEmpty() ? 0 : face.emotions().get(0).confidence();
            weight.merge(face.dominantEmotion(), top, Double::sum);
        }
        Emotion best = null;
        for (Map.Entry<Emotion, Integer> entry : counts.entrySet()) {
            if (best == null) {
                best = entry.getKey();
                continue;
            }
            int byCount = Integer.compare(entry.getValue(), counts.get(best));
            if (byCount > 0 || byCount == 0 && weight.get(entry.getKey()) > weight.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /** Rejects thresholds that cannot be a Rekognition confidence. */
    public static void requireValidThreshold(double threshold) {
        if (!(threshold >= 0 && threshold <= MAX_CONFIDENCE)) {
            throw new IllegalArgumentException("emotion threshold must be between 0 and 100, was " + threshold);
        }
    }
}
