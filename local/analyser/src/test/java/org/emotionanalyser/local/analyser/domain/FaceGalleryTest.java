package org.emotionanalyser.local.analyser.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FaceGalleryTest {

    private final FaceGallery gallery = new FaceGallery(List.of(
            new FaceGallery.Entry("Ada", "a", new float[] {1, 0, 0}),
            new FaceGallery.Entry("Bob", "b", new float[] {0, 1, 0})), 0.8);

    @Test
    void match_whenTheFaceIsClosestToOnePersonAboveThreshold_namesThatPersonWithSimilarityAsConfidence() {
        GalleryMatch match = gallery.match(new float[] {0.9f, 0.1f, 0}).orElseThrow();

        assertThat(match.name()).isEqualTo("Ada");
        assertThat(match.matchConfidence()).isBetween(99.0, 100.0);
    }

    @Test
    void match_whenTheBestSimilarityIsBelowThreshold_namesNobody() {
        assertThat(gallery.match(new float[] {0.6f, 0.6f, 0.5f})).isEmpty();
    }

    @Test
    void match_whenTheGalleryIsEmpty_namesNobody() {
        assertThat(FaceGallery.empty(0.8).match(new float[] {1, 0, 0})).isEmpty();
    }
}
