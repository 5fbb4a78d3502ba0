package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.EmotionScore;

import java.util.List;

/** A detected face with its emotions (confidence 0..100, highest first). */
public record AnalysedFace(DetectedFace face, List<EmotionScore> emotions) {

    public AnalysedFace {
        emotions = List.copyOf(emotions);
    }
}
