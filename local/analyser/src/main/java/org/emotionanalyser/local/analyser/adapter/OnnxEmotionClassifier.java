package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.model.OnnxModel;
import org.emotionanalyser.local.analyser.port.EmotionClassifier;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Facial expression classification with the FER-2013 style CNN shipped as {@code emotion}: a 64 x 64 grayscale face
 * in -1..1, seven softmax classes in the order angry, disgust, fear, happy, sad, surprise, neutral. They map to
 * Rekognition's emotions; CONFUSED has no class in this model and is reported with confidence 0.
 */
public final class OnnxEmotionClassifier implements EmotionClassifier {

    private static final int INPUT = 64;
    private static final String OUTPUT = "Identity";
    /** The model outputs the classifier reads. */
    public static final List<String> OUTPUTS = List.of(OUTPUT);
    private static final Emotion[] CLASSES = {
            Emotion.ANGRY, Emotion.DISGUSTED, Emotion.FEAR, Emotion.HAPPY, Emotion.SAD, Emotion.SURPRISED, Emotion.CALM};

    private final OnnxModel model;

    public OnnxEmotionClassifier(OnnxModel model) {
        this.model = model;
    }

    /** Loads and converts the bundled model. */
    public static OnnxEmotionClassifier load() {
        return new OnnxEmotionClassifier(OnnxModel.fromClasspath("emotion", OUTPUTS));
    }

    @Override
    public int cropSize() {
        return INPUT;
    }

    /** Trained on FER-2013 crops, which fill the frame with the face: a little margin around the detector box. */
    @Override
    public double cropMargin() {
        return 1.2;
    }

    /**
     * Face {@code face}'s softmax {@code probabilities} as every Rekognition emotion in 0..100, highest first;
     * CONFUSED, which neither model has a class for, is 0.
     */
    static List<EmotionScore> scores(Emotion[] classes, float[] probabilities, int face) {
        List<EmotionScore> scores = new ArrayList<>();
        for (int c = 0; c < classes.length; c++) {
            scores.add(new EmotionScore(classes[c], 100.0 * probabilities[face * classes.length + c]));
        }
        scores.add(new EmotionScore(Emotion.CONFUSED, 0));
        scores.sort(Comparator.comparingDouble(EmotionScore::confidence).reversed());
        return List.copyOf(scores);
    }

    @Override
    public List<List<EmotionScore>> classify(List<RgbImage> faceCrops) {
        if (faceCrops.isEmpty()) {
            return List.of();
        }
        // all faces in one batch: one model call per image
        int pixels = INPUT * INPUT;
        float[] input = new float[faceCrops.size() * pixels];
        for (int i = 0; i < faceCrops.size(); i++) {
            System.arraycopy(faceCrops.get(i).toGray(2f, -1f), 0, input, i * pixels, pixels);
        }
        float[] probabilities = model.run(input, new long[] {faceCrops.size(), INPUT, INPUT, 1}).get(OUTPUT).values();
        List<List<EmotionScore>> results = new ArrayList<>();
        for (int i = 0; i < faceCrops.size(); i++) {
            results.add(scores(CLASSES, probabilities, i));
        }
        return results;
    }
}
