package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.EmotionScore;

import java.util.List;

/** A detected face with its emotions (confidence 0..100, highest first). */
public record AnalyzedFace(FaceDetection face, List<EmotionScore> emotions) {

    public AnalyzedFace {
        emotions = List.copyOf(emotions);
    }
}
