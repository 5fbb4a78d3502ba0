package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.CelebrityMatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaceMatchingTest {

    private static DetectedFace face(double left) {
        return new DetectedFace(new BoundingBox(left, 0.2, 0.1, 0.15), 99, List.of(), null);
    }

    private static DetectedFace celebrity(double left, String name, double confidence) {
        return face(left).withCelebrity(new CelebrityMatch(name, name.toLowerCase(), confidence));
    }

    @Test
    void attachCelebrities_whenBoxesOverlap_attachesEachCelebrityToItsFace() {
        List<DetectedFace> result = FaceMatching.attachCelebrities(
                List.of(face(0.1), face(0.4), face(0.7)),
                List.of(celebrity(0.705, "Ada", 99), celebrity(0.095, "Grace", 97)));

        assertThat(result).extracting(f -> f.celebrity() == null ? null : f.celebrity().name())
                .containsExactly("Grace", null, "Ada");
    }

    @Test
    void attachCelebrities_whenTheDetectorMissedTheCelebrityFace_keepsTheCelebrityAsItsOwnFace() {
        List<DetectedFace> result = FaceMatching.attachCelebrities(List.of(face(0.1)),
                List.of(celebrity(0.6, "Ada", 99)));

        assertThat(result).hasSize(2);
        assertThat(result.get(1).celebrity().name()).isEqualTo("Ada");
    }

    @Test
    void attachCelebrities_whenTwoCelebritiesOverlapOneFace_givesItToTheMoreConfidentMatch() {
        List<DetectedFace> result = FaceMatching.attachCelebrities(List.of(face(0.1)),
                List.of(celebrity(0.1, "Less", 80), celebrity(0.1, "More", 99)));

        assertThat(result.get(0).celebrity().name()).isEqualTo("More");
        assertThat(result).hasSize(2);
    }
}
