package org.emotionanalyser.local.analyser.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class ConfidenceCalibrationTest {

    @Test
    void faceConfidence_whenTheScoreIsTheDetectionThreshold_reportsTheReadersDefaultGate() {
        assertThat(ConfidenceCalibration.faceConfidence(FaceAnalysisPipeline.FACE_THRESHOLD)).isEqualTo(90, offset(1e-9));
    }

    @Test
    void faceConfidence_whenTheFaceIsClear_reportsWhereRekognitionReportsClearFaces() {
        assertThat(ConfidenceCalibration.faceConfidence(0.90)).isBetween(97.0, 99.0);
        assertThat(ConfidenceCalibration.faceConfidence(0.95)).isBetween(99.0, 100.0);
    }

    @Test
    void faceConfidence_whenScoresRise_neverFalls() {
        double previous = 0;
        for (double raw = 0; raw <= 1; raw += 0.01) {
            double reported = ConfidenceCalibration.faceConfidence(raw);
            assertThat(reported).isGreaterThanOrEqualTo(previous).isBetween(0.0, 100.0);
            previous = reported;
        }
    }
}
