package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;

import java.util.List;

/** A face the detector found: box as image ratios, detector confidence 0..1, and its landmarks. */
public record DetectedFace(BoundingBox box, double confidence, List<Landmark> landmarks) {

    public DetectedFace {
        landmarks = List.copyOf(landmarks);
    }
}
