package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The image is larger than Rekognition accepts (5 MB as bytes, 15 MB as an S3 object). The code is Rekognition's error name. */
public final class ImageTooLargeException extends EmotionAnalyserException {

    public ImageTooLargeException(String message) {
        super("ImageTooLargeException", message);
    }
}
