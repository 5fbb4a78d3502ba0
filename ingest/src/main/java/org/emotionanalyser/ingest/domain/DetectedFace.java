package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.List;
import java.util.Objects;

/**
 * A face as the analyser reported it, before any emotion threshold is applied.
 *
 * @param celebrity the known face it matched, or {@code null}
 */
public record DetectedFace(BoundingBox boundingBox, double confidence, List<EmotionScore> emotions,
                           CelebrityMatch celebrity) {

    public DetectedFace {
        Objects.requireNonNull(boundingBox, "boundingBox");
        emotions = emotions == null ? List.of() : List.copyOf(emotions);
    }

    /** The same face with a celebrity attached. */
    public DetectedFace withCelebrity(CelebrityMatch match) {
        return new DetectedFace(boundingBox, confidence, emotions, match);
    }
}
