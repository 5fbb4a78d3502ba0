package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.EmotionClassifier;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.ArrayList;
import java.util.List;

/**
 * Facial expression classification with face-api's {@code face_expression_model}: a 112 x 112 RGB face, normalised
 * as face-api does ({@code (rgb - mean) / 255}), seven softmax classes in the order neutral, happy, sad, angry,
 * fearful, disgusted, surprised. Neutral maps to CALM; CONFUSED has no class and is reported with confidence 0.
 */
public final class FaceApiExpressionClassifier implements EmotionClassifier {

    private static final int INPUT = 112;
    private static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};
    private static final Emotion[] CLASSES = {
            Emotion.CALM, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUSTED, Emotion.SURPRISED};

    private final OnnxModel model;

    public FaceApiExpressionClassifier(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static FaceApiExpressionClassifier load() {
        return new FaceApiExpressionClassifier(OnnxModel.faceApiExpressions());
    }

    @Override
    public int cropSize() {
        return INPUT;
    }

    /**
     * face-api classifies the box its 68 landmarks span (brows to chin, cheek to cheek), about 1.3 times BlazeFace's
     * box; of the margins tried on the dev set (0.8, 1.0, 1.3, 1.6) 1.3 agreed with people most.
     */
    @Override
    public double cropMargin() {
        return 1.3;
    }

    @Override
    public List<List<EmotionScore>> classify(List<RgbImage> faceCrops) {
        if (faceCrops.isEmpty()) {
            return List.of();
        }
        int values = INPUT * INPUT * 3;
        float[] input = new float[faceCrops.size() * values];
        for (int i = 0; i < faceCrops.size(); i++) {
            float[] rgb = faceCrops.get(i).toNhwc(1, 0);
            for (int v = 0; v < values; v++) {
                input[i * values + v] = (rgb[v] - MEAN_RGB[v % 3]) / 255f;
            }
        }
        float[] probabilities = model.run(input, new long[] {faceCrops.size(), INPUT, INPUT, 3})
                .get(OnnxModel.FACE_API_EXPRESSIONS).values();
        List<List<EmotionScore>> results = new ArrayList<>();
        for (int i = 0; i < faceCrops.size(); i++) {
            results.add(OnnxEmotionClassifier.scores(CLASSES, probabilities, i));
        }
        return results;
    }
}
