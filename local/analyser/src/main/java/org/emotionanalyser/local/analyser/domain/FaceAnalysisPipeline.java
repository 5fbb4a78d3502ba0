package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.local.analyser.port.AgeGenderEstimator;
import org.emotionanalyser.local.analyser.port.EmotionClassifier;
import org.emotionanalyser.local.analyser.port.FaceDetector;
import org.emotionanalyser.local.analyser.port.FaceEmbedder;
import org.emotionanalyser.local.analyser.port.ObjectDetector;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * The analysis pipeline: faces are detected, cropped and classified for emotions; for recognition each face is also
 * embedded and matched against the gallery; a face's apparent age and gender are estimated on request; objects
 * (people) come from a separate whole-image detector.
 */
public final class FaceAnalysisPipeline {

    /**
     * Detector confidence a face needs. Tuned on the sample photos: every real face scored 0.83 or more, a cat's face
     * 0.74 and coffee-cup patterns up to 0.58.
     */
    public static final double FACE_THRESHOLD = 0.8;
    /** The embedding (and age and gender) model wants the whole head. */
    private static final double EMBEDDING_CROP_MARGIN = 1.4;

    private final FaceDetector faceDetector;
    private final List<EmotionClassifier> emotionClassifiers;
    private final FaceEmbedder faceEmbedder;
    private final AgeGenderEstimator ageGenderEstimator;
    private final ObjectDetector objectDetector;

    public FaceAnalysisPipeline(FaceDetector faceDetector, List<EmotionClassifier> emotionClassifiers,
                                FaceEmbedder faceEmbedder, AgeGenderEstimator ageGenderEstimator,
                                ObjectDetector objectDetector) {
        this.faceDetector = faceDetector;
        this.emotionClassifiers = List.copyOf(emotionClassifiers);
        this.faceEmbedder = faceEmbedder;
        this.ageGenderEstimator = ageGenderEstimator;
        this.objectDetector = objectDetector;
    }

    /** The faces of an image, with emotions, most confident first. */
    public List<AnalyzedFace> analyseFaces(RgbImage image) {
        return classifyEmotions(image, detectFaces(image));
    }

    /** The emotions of faces already detected in an image. */
    public List<AnalyzedFace> classifyEmotions(RgbImage image, List<FaceDetection> faces) {
        List<List<List<EmotionScore>>> views = new ArrayList<>();
        faces.forEach(f -> views.add(new ArrayList<>()));
        // each face is classified as seen and mirrored (test-time flip): expressions are near symmetric, the
        // classifiers' errors are not, so the average of both views agrees with people more often
        int per = 2;
        for (EmotionClassifier classifier : emotionClassifiers) {
            List<RgbImage> crops = new ArrayList<>();
            for (FaceDetection face : faces) {
                RgbImage crop = emotionCrop(image, face, classifier);
                crops.add(crop);
                crops.add(crop.mirrored());
            }
            List<List<EmotionScore>> emotions = classifier.classify(crops);
            for (int i = 0; i < faces.size(); i++) {
                views.get(i).addAll(emotions.subList(i * per, i * per + per));
            }
        }
        List<AnalyzedFace> analysed = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            analysed.add(new AnalyzedFace(faces.get(i), average(views.get(i))));
        }
        return analysed;
    }

    /** The faces of an image, each matched against the gallery. */
    public List<RecognisedFace> recognise(RgbImage image, FaceGallery gallery) {
        List<RecognisedFace> recognised = new ArrayList<>();
        for (AnalyzedFace face : analyseFaces(image)) {
            Optional<GalleryMatch> match = gallery.entries().isEmpty()
                    ? Optional.empty()
                    : gallery.match(embed(image, face.face().box()));
            recognised.add(new RecognisedFace(face, match));
        }
        return recognised;
    }

    /** The embedding of the largest face in an image, or empty when there is no face (used to enrol a person). */
    public Optional<float[]> embedLargestFace(RgbImage image) {
        return detectFaces(image).stream()
                .max(Comparator.comparingDouble(f -> f.box().width() * image.width() * f.box().height() * image.height()))
                .map(f -> embed(image, f.box()));
    }

    /** Objects at or above {@code minConfidence} (0..1), most confident first. */
    public List<DetectedObject> detectObjects(RgbImage image, double minConfidence) {
        return objectDetector.detect(image, minConfidence);
    }

    /** Faces at or above {@link #FACE_THRESHOLD}, without emotions. */
    public List<FaceDetection> detectFaces(RgbImage image) {
        return faceDetector.detect(image, FACE_THRESHOLD);
    }

    /** The embedding of the face in {@code box}. */
    public float[] embed(RgbImage image, BoundingBox box) {
        return faceEmbedder.embed(crop(image, box, faceEmbedder.cropSize(), EMBEDDING_CROP_MARGIN));
    }

    /** The apparent age range and gender of the face in {@code box}. */
    public AgeGender estimateAgeGender(RgbImage image, BoundingBox box) {
        return ageGenderEstimator.estimate(crop(image, box, ageGenderEstimator.cropSize(), EMBEDDING_CROP_MARGIN));
    }

    /**
     * The crop of a face a classifier sees: levelled so the eyes lie on a horizontal line (as in the aligned faces
     * the classifiers were trained on), centred on the face box, {@link EmotionClassifier#cropMargin()} times its
     * longer side.
     */
    private static RgbImage emotionCrop(RgbImage image, FaceDetection face, EmotionClassifier classifier) {
        BoundingBox box = face.box();
        double cx = (box.left() + box.width() / 2) * image.width();
        double cy = (box.top() + box.height() / 2) * image.height();
        double side = Math.max(box.width() * image.width(), box.height() * image.height()) * classifier.cropMargin();
        double angle = HeadPose.eyeLineAngle(face, image.width(), image.height()).orElse(0.0);
        return image.rotatedCrop(cx, cy, side, angle, classifier.cropSize());
    }

    /** Per emotion, the mean confidence over several views of one face, highest first. */
    private static List<EmotionScore> average(List<List<EmotionScore>> views) {
        Map<Emotion, Double> sum = new EnumMap<>(Emotion.class);
        for (List<EmotionScore> view : views) {
            view.forEach(e -> sum.merge(e.type(), e.confidence() / views.size(), Double::sum));
        }
        return sum.entrySet().stream().map(e -> new EmotionScore(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingDouble(EmotionScore::confidence).reversed()).toList();
    }

    /** A square crop centred on the face box, {@code margin} times its longer side, resized to {@code size}. */
    static RgbImage crop(RgbImage image, BoundingBox box, int size, double margin) {
        double cx = (box.left() + box.width() / 2) * image.width();
        double cy = (box.top() + box.height() / 2) * image.height();
        double half = Math.max(box.width() * image.width(), box.height() * image.height()) * margin / 2;
        return image.crop(cx - half, cy - half, cx + half, cy + half, size, size);
    }
}
