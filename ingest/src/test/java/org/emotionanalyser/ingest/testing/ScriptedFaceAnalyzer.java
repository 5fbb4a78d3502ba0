package org.emotionanalyser.ingest.testing;

import org.emotionanalyser.ingest.domain.AnalyzerCalls;
import org.emotionanalyser.ingest.domain.DetectedFace;
import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.ImageReference;
import org.emotionanalyser.ingest.domain.InvocationBudget;
import org.emotionanalyser.ingest.port.FaceAnalyzer;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.EmotionScore;
import org.emotionanalyser.router.domain.PersonDetection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Answers every image with the same scripted analysis and remembers what it was given. */
public final class ScriptedFaceAnalyzer implements FaceAnalyzer {

    private final List<ImageReference> requests = new ArrayList<>();
    private FaceAnalysis answer;
    private RuntimeException failure;

    public ScriptedFaceAnalyzer(FaceAnalysis answer) {
        this.answer = answer;
    }

    /** One happy face, found with two calls. */
    public static ScriptedFaceAnalyzer oneHappyFace() {
        return new ScriptedFaceAnalyzer(new FaceAnalysis.Completed(new PersonDetection(true, 99.1),
                List.of(new DetectedFace(new BoundingBox(0.3, 0.2, 0.2, 0.3), 99.9,
                        List.of(new EmotionScore(Emotion.HAPPY, 95.0), new EmotionScore(Emotion.CALM, 3.0)), null)),
                new AnalyzerCalls(Map.of("DetectLabels", 1, "RecognizeCelebrities", 1), 0)));
    }

    public void answer(FaceAnalysis next) {
        answer = next;
    }

    public synchronized List<ImageReference> requests() {
        return List.copyOf(requests);
    }

    /** Every later call throws this instead of answering (an analyser that keeps throttling). */
    public synchronized void fail(RuntimeException failure) {
        this.failure = failure;
    }

    @Override
    public synchronized FaceAnalysis analyze(ImageReference image, InvocationBudget budget) {
        requests.add(image);
        if (failure != null) {
            throw failure;
        }
        return answer;
    }
}
