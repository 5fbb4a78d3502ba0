package org.emotionanalyser.local.analyser.port;

import org.emotionanalyser.local.analyser.domain.AgeGender;
import org.emotionanalyser.local.analyser.domain.RgbImage;

/** Estimates a face's apparent age range and gender from a face crop. */
public interface AgeGenderEstimator {

    /** Side of the square face crop the estimator wants, in pixels. */
    int cropSize();

    /** The estimate for one face crop. */
    AgeGender estimate(RgbImage faceCrop);
}
