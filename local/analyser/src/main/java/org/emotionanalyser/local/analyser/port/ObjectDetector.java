package org.emotionanalyser.local.analyser.port;

import org.emotionanalyser.local.analyser.domain.DetectedObject;
import org.emotionanalyser.local.analyser.domain.RgbImage;

import java.util.List;

/** Finds objects (people, animals, things) in an image. */
public interface ObjectDetector {

    /** Every object at or above {@code minConfidence} (0..1), most confident first. */
    List<DetectedObject> detect(RgbImage image, double minConfidence);
}
