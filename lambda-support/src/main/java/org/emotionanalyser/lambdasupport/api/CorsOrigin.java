package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one web origin whose scripts may read the API's answers (CORS): the mood monitor page's, given to the API
 * functions as {@code ALLOWED_ORIGIN} by the template. Without it no CORS header is sent (local mode serves the page
 * from the API's own origin, and its API Gateway emulation adds its own header). Preflights are answered by API
 * Gateway itself; this only labels the real answers, errors included.
 */
public final class CorsOrigin {

    public static final String ALLOWED_ORIGIN = "ALLOWED_ORIGIN";
    /** One origin: https with a host (and port), or plain http on loopback for development. Never "*". */
    private static final Pattern ORIGIN = Pattern.compile(
            "https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?|http://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?");
    private static final CorsOrigin NONE = new CorsOrigin(null);

    private final String origin;

    private CorsOrigin(String origin) {
        this.origin = origin;
    }

    /** No origin is allowed: answers carry no CORS header. */
    public static CorsOrigin none() {
        return NONE;
    }

    /**
     * Reads {@code ALLOWED_ORIGIN}; absent or empty means {@link #none()}.
     *
     * @throws IllegalStateException when it is set but is not a single origin
     */
    public static CorsOrigin fromEnvironment(Map<String, String> env) {
        String value = env.get(ALLOWED_ORIGIN);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        if (!ORIGIN.matcher(value).matches()) {
            throw new IllegalStateException(ALLOWED_ORIGIN + " must be one origin, scheme and host only, e.g. "
                    + "https://d111111abcdef8.cloudfront.net (no path, no trailing slash, not *); got '" + value + "'");
        }
        return new CorsOrigin(value);
    }

    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    /** The response with {@code Access-Control-Allow-Origin} set to the allowed origin, when there is one. */
    public APIGatewayProxyResponseEvent applyTo(APIGatewayProxyResponseEvent response) {
        if (origin == null) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        headers.put("Access-Control-Allow-Origin", origin);
        return response.withHeaders(headers);
    }
}
