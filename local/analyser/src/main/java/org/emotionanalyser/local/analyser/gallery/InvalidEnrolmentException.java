package org.emotionanalyser.local.analyser.gallery;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A person cannot be enrolled: the name is unusable as a folder name, or a photo shows no face. */
public final class InvalidEnrolmentException extends EmotionAnalyserException {

    public InvalidEnrolmentException(String message) {
        super("InvalidEnrolment", message);
    }
}
