package org.emotionanalyser.router.domain;

import java.util.Objects;

/** One emotion with Rekognition's confidence in it, 0 to 100. */
public record EmotionScore(Emotion type, double confidence) {
    public EmotionScore {
        Objects.requireNonNull(type, "type");
    }
}
