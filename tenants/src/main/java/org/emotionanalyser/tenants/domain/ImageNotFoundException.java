package org.emotionanalyser.tenants.domain;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** The tenant has neither a record nor an upload of that image. Maps to 404. */
public final class ImageNotFoundException extends EmotionAnalyserException {

    public ImageNotFoundException() {
        super("ImageNotFound", "no image with that id; list images with GET /tenants/{tenantId}/images");
    }
}
