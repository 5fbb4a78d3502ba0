package org.emotionanalyser.local.analyser.domain;

/**
 * Puts the face detector's raw score (0..1) on Rekognition's confidence scale (0..100).
 *
 * <p>BlazeFace's sigmoid scores are compressed: clearly visible faces score 0.83–0.96, and a face is only reported at
 * {@link FaceAnalysisPipeline#FACE_THRESHOLD} (0.80) or above. Rekognition reports the faces it returns at 95–99.9,
 * and the reader gates photos on a Person confidence of 90. So the score is rescaled in log-odds (the form of Platt
 * scaling): {@code reported = 100 * sigmoid(2 * logit(raw) + b)}, with {@code b} chosen so that the detection
 * threshold 0.80 reports exactly 90 — every face the analyser reports passes the default gate — and the slope 2
 * (temperature 0.5) so that a typical clear face (raw 0.90, the median on the emotion dev set) reports 97.9 and a
 * very clear one (0.95) 99.5. The map is monotonic, so the ranking of faces never changes. Raw 0.85 reports 94.8.
 */
public final class ConfidenceCalibration {

    private static final double SLOPE = 2;
    /** Chosen so that {@code reported(0.80) == 90}: logit(0.9) - 2 * logit(0.8). */
    private static final double BIAS = logit(0.9) - SLOPE * logit(0.8);

    private ConfidenceCalibration() {
    }

    /** The reported confidence (0..100) of a face whose detector score is {@code raw} (0..1). */
    public static double faceConfidence(double raw) {
        if (raw <= 0) {
            return 0;
        }
        if (raw >= 1) {
            return 100;
        }
        return 100 / (1 + Math.exp(-(SLOPE * logit(raw) + BIAS)));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
