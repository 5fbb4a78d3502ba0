package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.ImageReference;
import org.emotionanalyser.ingest.domain.InvocationBudget;

/**
 * Finds people, faces, their emotions and known faces in an image. Implementations retry what a retry can fix,
 * within the invocation's budget, and report every refusal of the image as {@link FaceAnalysis.Failed}; they never
 * throw for a bad image, so one image can never make the reader retry forever.
 */
public interface FaceAnalyzer {

    /**
     * @throws org.emotionanalyser.ingest.domain.AnalyzerUnavailableException when the analyser kept throttling or
     *                                                                        failing within {@code budget}
     */
    FaceAnalysis analyze(ImageReference image, InvocationBudget budget);
}
