package org.emotionanalyser.local.analyser.port;

import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.util.List;

/** Finds faces in an image. */
public interface FaceDetector {

    /** Every face at or above {@code minConfidence} (0..1), most confident first. */
    List<FaceDetection> detect(RgbImage image, double minConfidence);
}
