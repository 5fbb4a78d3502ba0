package org.emotionanalyser.lambdasupport.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** No key, or a key that matches nothing. Maps to 401. */
public final class AuthenticationRequiredException extends EmotionAnalyserException {

    public AuthenticationRequiredException(String message) {
        super("Unauthorized", message);
    }
}
