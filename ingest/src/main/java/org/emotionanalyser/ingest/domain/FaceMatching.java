package org.emotionanalyser.ingest.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Joins the faces of two analyser calls that each located the same faces independently (a face detector and a
 * celebrity recogniser): faces are the same when their boxes overlap by at least {@value #MIN_OVERLAP}
 * intersection-over-union. Greedy, most confident celebrity first, each face used once.
 */
public final class FaceMatching {

    /** Boxes of the same face from two calls overlap far more than this; neighbouring faces far less. */
    public static final double MIN_OVERLAP = 0.5;

    private FaceMatching() {
    }

    /**
     * The detected faces with each celebrity attached to the face it overlaps most. A celebrity whose face the
     * detector did not report is kept as a face of its own, so no recognised person is dropped.
     */
    public static List<DetectedFace> attachCelebrities(List<DetectedFace> detected, List<DetectedFace> celebrities) {
        List<DetectedFace> result = new ArrayList<>(detected);
        boolean[] taken = new boolean[detected.size()];
        List<DetectedFace> byConfidence = celebrities.stream()
                .filter(face -> face.celebrity() != null)
                .sorted(Comparator.comparingDouble((DetectedFace face) -> face.celebrity().matchConfidence())
                        .reversed())
                .toList();
        for (DetectedFace celebrity : byConfidence) {
            int best = -1;
            double bestOverlap = MIN_OVERLAP;
            for (int i = 0; i < detected.size(); i++) {
                double overlap = detected.get(i).boundingBox().intersectionOverUnion(celebrity.boundingBox());
                if (!taken[i] && overlap >= bestOverlap) {
                    best = i;
                    bestOverlap = overlap;
                }
            }
            if (best >= 0) {
                taken[best] = true;
                result.set(best, detected.get(best).withCelebrity(celebrity.celebrity()));
            } else {
                result.add(celebrity);
            }
        }
        return result;
    }
}
