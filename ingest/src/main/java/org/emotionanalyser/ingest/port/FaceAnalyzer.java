package org.emotionanalyser.ingest.port;

import org.emotionanalyser.ingest.domain.FaceAnalysis;
import org.emotionanalyser.ingest.domain.ImageReference;

/**
 * Finds people, faces, their emotions and known faces in an image. Implementations retry what a retry can fix
 * and report everything else as {@link FaceAnalysis.Failed}; they do not throw for a bad image or an unavailable
 * service, so one image can never make the reader retry forever.
 */
public interface FaceAnalyzer {

    FaceAnalysis analyze(ImageReference image);
}
