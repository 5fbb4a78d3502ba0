package org.emotionanalyser.local.analyser.port;

import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.List;

/** Scores the emotions of face crops. */
public interface EmotionClassifier {

    /** Side of the square face crop the classifier wants, in pixels. */
    int cropSize();

    /** Side of the face crop relative to the detector's face box, matching the crops the model was trained on. */
    double cropMargin();

    /** For each crop, every Rekognition emotion with confidence 0..100, highest first. */
    List<List<EmotionScore>> classify(List<RgbImage> faceCrops);
}
