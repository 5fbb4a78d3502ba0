package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;

import java.util.List;
import java.util.Optional;

/** A face the detector found: box as image ratios, detector confidence 0..1, and its landmarks. */
public record FaceDetection(BoundingBox box, double confidence, List<Landmark> landmarks) {

    public FaceDetection {
        landmarks = List.copyOf(landmarks);
    }

    /** The landmark of a Rekognition type ({@code eyeLeft}, ...), if the detector located it. */
    public Optional<Landmark> landmark(String type) {
        return landmarks.stream().filter(l -> l.type().equals(type)).findFirst();
    }
}
