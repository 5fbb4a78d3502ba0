package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.domain.PersonDetection;
import org.emotionanalyser.router.domain.RejectionReason;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link org.emotionanalyser.ingest.port.FaceAnalyzer} made of an image: a completed analysis, or a failure
 * that will be published as a rejection (never retried by throwing).
 */
public sealed interface FaceAnalysis permits FaceAnalysis.Completed, FaceAnalysis.Failed {

    AnalyzerCalls calls();

    /** The person check and the faces found (empty when no person was detected). */
    record Completed(PersonDetection person, List<DetectedFace> faces, AnalyzerCalls calls) implements FaceAnalysis {
        public Completed {
            Objects.requireNonNull(person, "person");
            faces = faces == null ? List.of() : List.copyOf(faces);
            Objects.requireNonNull(calls, "calls");
        }
    }

    /** The analyser refused the image or kept failing; {@code message} says which and what to do. */
    record Failed(RejectionReason reason, String message, AnalyzerCalls calls) implements FaceAnalysis {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(calls, "calls");
        }
    }
}
