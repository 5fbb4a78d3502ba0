package org.emotionanalyser.local.analyser.adapter;

import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.port.FaceDetector;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the faces found in an image instance, so the calls one reader invocation makes on the same decoded
 * image (DetectLabels' person check, then RecognizeCelebrities) run the detector once. Keyed by instance
 * ({@link RgbImage} has identity equality) and held weakly: an entry goes when its image is no longer used, so
 * the memory is bounded by {@link org.emotionanalyser.local.analyser.api.DecodedImageCache}.
 */
public final class RememberingFaceDetector implements FaceDetector {

    private final FaceDetector detector;
    private final Map<RgbImage, Map<Double, List<FaceDetection>>> found =
            Collections.synchronizedMap(new WeakHashMap<>());

    public RememberingFaceDetector(FaceDetector detector) {
        this.detector = detector;
    }

    @Override
    public List<FaceDetection> detect(RgbImage image, double minConfidence) {
        Map<Double, List<FaceDetection>> byConfidence = found.computeIfAbsent(image, k -> new ConcurrentHashMap<>());
        return byConfidence.computeIfAbsent(minConfidence, min -> List.copyOf(detector.detect(image, min)));
    }
}
