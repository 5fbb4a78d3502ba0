package org.emotionanalyser.lambdasupport.api;

import org.emotionanalyser.router.domain.EmotionAnalyserException;

/** A method and resource this function does not serve (the API sent a route meant for another function). 404. */
public final class UnknownRouteException extends EmotionAnalyserException {

    public UnknownRouteException(String message) {
        super("RouteNotFound", message);
    }

    /** The route, named in the message with the routes this function serves. */
    public static UnknownRouteException of(String route, java.util.Collection<String> served) {
        return new UnknownRouteException("no such route: " + route + "; this function serves "
                + String.join(", ", served));
    }
}
