package org.emotionanalyser.lambdasupport.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A valid key used on a route it may not use (another tenant's, or an admin route). Maps to 403. */
public final class AccessDeniedException extends EmotionAnalyserException {

    public AccessDeniedException(String message) {
        super("AccessDenied", message);
    }
}
