package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.local.analyser.domain.AgeGender;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.port.AgeGenderEstimator;
import org.emotionanalyser.local.analyser.port.EmotionClassifier;
import org.emotionanalyser.local.analyser.port.FaceEmbedder;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Fixed stand-ins for the models and a blank PNG, for tests of the API around them. */
final class FixedModels {

    private FixedModels() {
    }

    /** A black RGB PNG of the given size. */
    static byte[] png(int width, int height) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every face: HAPPY 80, CALM 20. */
    static final class FixedEmotions implements EmotionClassifier {
        @Override
        public int cropSize() {
            return 4;
        }

        @Override
        public double cropMargin() {
            return 1;
        }

        @Override
        public List<List<EmotionScore>> classify(List<RgbImage> faceCrops) {
            return faceCrops.stream().map(c -> List.of(new EmotionScore(Emotion.HAPPY, 80), new EmotionScore(Emotion.CALM, 20)))
                    .toList();
        }
    }

    /** Every face embeds to (0.95, 0.1). */
    static final class FixedEmbedding implements FaceEmbedder {
        @Override
        public int cropSize() {
            return 4;
        }

        @Override
        public float[] embed(RgbImage faceCrop) {
            return new float[] {0.95f, 0.1f};
        }
    }

    /** Every face: aged 30 to 38, female with confidence 91. */
    static final class FixedAgeGender implements AgeGenderEstimator {
        @Override
        public int cropSize() {
            return 4;
        }

        @Override
        public AgeGender estimate(RgbImage faceCrop) {
            return new AgeGender(30, 38, AgeGender.Gender.FEMALE, 91);
        }
    }
}
