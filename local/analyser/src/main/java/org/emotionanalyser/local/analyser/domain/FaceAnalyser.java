package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.local.analyser.port.EmotionClassifier;
import org.emotionanalyser.local.analyser.port.FaceDetector;
import org.emotionanalyser.local.analyser.port.FaceEmbedder;
import org.emotionanalyser.local.analyser.port.ObjectDetector;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.EmotionScore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The analysis pipeline: faces are detected, cropped and classified for emotions; for recognition each face is also
 * embedded and matched against the gallery; objects (people) come from a separate whole-image detector.
 */
public final class FaceAnalyser {

    /**
     * Detector confidence a face needs. Tuned on the sample photos: every real face scored 0.83 or more, a cat's face
     * 0.74 and coffee-cup patterns up to 0.58.
     */
    public static final double FACE_THRESHOLD = 0.8;
    /** The emotion model was trained on faces filling most of the frame: a little margin around the detector box. */
    private static final double EMOTION_CROP_MARGIN = 1.2;
    /** The embedding model wants the whole head. */
    private static final double EMBEDDING_CROP_MARGIN = 1.4;

    private final FaceDetector faceDetector;
    private final EmotionClassifier emotionClassifier;
    private final FaceEmbedder faceEmbedder;
    private final ObjectDetector objectDetector;

    public FaceAnalyser(FaceDetector faceDetector, EmotionClassifier emotionClassifier, FaceEmbedder faceEmbedder,
                        ObjectDetector objectDetector) {
        this.faceDetector = faceDetector;
        this.emotionClassifier = emotionClassifier;
        this.faceEmbedder = faceEmbedder;
        this.objectDetector = objectDetector;
    }

    /** The faces of an image, with emotions, most confident first. */
    public List<AnalysedFace> analyseFaces(RgbImage image) {
        List<DetectedFace> faces = detectFaces(image);
        List<RgbImage> crops = faces.stream()
                .map(f -> emotionCrop(image, f.box())).toList();
        List<List<EmotionScore>> emotions = emotionClassifier.classify(crops);
        List<AnalysedFace> analysed = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            analysed.add(new AnalysedFace(faces.get(i), emotions.get(i)));
        }
        return analysed;
    }

    /** The faces of an image, each matched against the gallery. */
    public List<RecognisedFace> recognise(RgbImage image, FaceGallery gallery) {
        List<RecognisedFace> recognised = new ArrayList<>();
        for (AnalysedFace face : analyseFaces(image)) {
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
    public List<DetectedFace> detectFaces(RgbImage image) {
        return faceDetector.detect(image, FACE_THRESHOLD);
    }

    /** The embedding of the face in {@code box}. */
    public float[] embed(RgbImage image, BoundingBox box) {
        return faceEmbedder.embed(crop(image, box, faceEmbedder.cropSize(), EMBEDDING_CROP_MARGIN));
    }

    /** The crop of a face the emotion classifier sees. */
    public RgbImage emotionCrop(RgbImage image, BoundingBox box) {
        return crop(image, box, emotionClassifier.cropSize(), EMOTION_CROP_MARGIN);
    }

    /** A square crop centred on the face box, {@code margin} times its longer side, resized to {@code size}. */
    static RgbImage crop(RgbImage image, BoundingBox box, int size, double margin) {
        double cx = (box.left() + box.width() / 2) * image.width();
        double cy = (box.top() + box.height() / 2) * image.height();
        double half = Math.max(box.width() * image.width(), box.height() * image.height()) * margin / 2;
        return image.crop(cx - half, cy - half, cx + half, cy + half, size, size);
    }
}
