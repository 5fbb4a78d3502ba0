package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.router.domain.BoundingBox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Brightness and sharpness measured on a real dev-set photo and on darkened, blurred and flat versions of it. */
class FaceQualityTest {

    /** The face of the 350 x 350 dev-set photo fills this box (the detector's box, rounded). */
    private static final BoundingBox FACE = new BoundingBox(0.1, 0.2, 0.8, 0.8);

    @Test
    void measure_whenTheSameFaceIsDarkened_scoresLowerBrightnessAndKeepsSharpnessAboveZero() throws IOException {
        RgbImage photo = photo();
        RgbImage darker = new RgbImage(photo.width(), photo.height(), photo.toNhwc(0.5f, 0));

        FaceQuality original = FaceQuality.measure(photo, FACE);
        FaceQuality darkened = FaceQuality.measure(darker, FACE);

        assertThat(darkened.brightness()).isCloseTo(original.brightness() / 2, org.assertj.core.data.Offset.offset(0.5));
        assertThat(darkened.sharpness()).isPositive().isLessThan(original.sharpness());
    }

    @Test
    void measure_whenTheSameFaceIsBlurred_scoresLowerSharpnessAndTheSameBrightness() throws IOException {
        RgbImage photo = photo();
        // an eighth of the resolution and back: the face (about 300 px) keeps the detail of a 37 px face, a third of
        // what the measure looks at
        RgbImage blurred = photo.resize(photo.width() / 8, photo.height() / 8).resize(photo.width(), photo.height());

        FaceQuality original = FaceQuality.measure(photo, FACE);
        FaceQuality soft = FaceQuality.measure(blurred, FACE);

        assertThat(soft.sharpness()).isLessThan(original.sharpness() / 2);
        assertThat(soft.brightness()).isCloseTo(original.brightness(), org.assertj.core.data.Offset.offset(3.0));
    }

    @Test
    void measure_whenTheFaceIsAClearPhoto_landsInTheMiddleOfBothScales() throws IOException {
        FaceQuality quality = FaceQuality.measure(photo(), FACE);

        assertThat(quality.brightness()).isBetween(25.0, 85.0);
        assertThat(quality.sharpness()).isBetween(30.0, 95.0);
    }

    @Test
    void measure_whenTheImageIsFlatBlackOrWhite_scoresTheEndsOfTheScales() {
        float[] black = new float[20 * 20 * 3];
        float[] white = new float[20 * 20 * 3];
        java.util.Arrays.fill(white, 255);

        FaceQuality dark = FaceQuality.measure(new RgbImage(20, 20, black), FACE);
        FaceQuality light = FaceQuality.measure(new RgbImage(20, 20, white), FACE);

        assertThat(dark.brightness()).isZero();
        assertThat(light.brightness()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.01));
        assertThat(dark.sharpness()).isZero();
        assertThat(light.sharpness()).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
    }

    private static RgbImage photo() throws IOException {
        return RgbImage.decode(Files.readAllBytes(Path.of("src/test/resources/emotion-dev/Alan_Greenspan_0003.jpg")));
    }
}
