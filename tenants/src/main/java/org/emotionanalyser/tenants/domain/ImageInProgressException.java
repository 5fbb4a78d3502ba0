package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/**
 * Another delivery of the same image is being recorded right now. The message fails and is retried after its
 * visibility timeout, by which time the other delivery has finished (or its short lease has run out).
 */
public final class ImageInProgressException extends EmotionAnalyserException {

    public ImageInProgressException(String tenantId, String imageId) {
        super("ImageInProgress", "image " + imageId + " of tenant " + tenantId
                + " is being recorded by another delivery; the message will be retried");
    }
}
