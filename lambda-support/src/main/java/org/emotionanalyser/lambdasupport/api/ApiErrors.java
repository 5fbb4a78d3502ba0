package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.InvalidTenantIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an API function turns a failure into an HTTP status and the error body
 * {@code {"error": {"code", "message"}}}.
 *
 * <p>A failure maps by {@code instanceof}: the status of the nearest mapped class in its superclass chain, so a
 * subclass of a mapped exception keeps its parent's status instead of becoming a 500. The plumbing's own failures
 * (400 invalid request or tenant id, 401, 403, 404 unknown route) are always mapped; each module adds its domain
 * failures. A 401 carries {@code WWW-Authenticate: Bearer}. Known failures answer with their own code and message,
 * which are written to be shown, unless a public message replaces it (server-side failures whose details belong in
 * the log); anything unmapped is logged and answered with a 500 that reveals nothing.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final String DEFAULT_UNEXPECTED =
            "the request failed on the server; try again, and report it if it keeps failing";

    private final Map<Class<? extends RuntimeException>, Mapping> mappings;
    private final String unexpectedMessage;

    private record Mapping(int status, String publicMessage) {
    }

    private ApiErrors(Map<Class<? extends RuntimeException>, Mapping> mappings, String unexpectedMessage) {
        this.mappings = Map.copyOf(mappings);
        this.unexpectedMessage = unexpectedMessage;
    }

    /** A mapper that already knows the plumbing's failures. */
    public static Builder builder() {
        return new Builder()
                .map(InvalidRequestException.class, 400)
                .map(InvalidTenantIdException.class, 400)
                .map(AuthenticationRequiredException.class, 401)
                .map(AccessDeniedException.class, 403)
                .map(UnknownRouteException.class, 404);
    }

    /**
     * Handles one API request: parses the event, runs {@code route} and maps any failure it raises. API handlers'
     * {@code handleRequest} is this call.
     */
    public APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event,
                                                Function<ApiRequest, APIGatewayProxyResponseEvent> route) {
        ApiRequest request = new ApiRequest(event);
        try {
            return route.apply(request);
        } catch (RuntimeException e) {
            return toResponse(request.route(), e);
        }
    }

    /** The status of a failure: that of its nearest mapped superclass, else 500. */
    public int statusOf(RuntimeException failure) {
        Mapping mapping = mappingOf(failure);
        return mapping == null ? 500 : mapping.status();
    }

    /**
     * The response for a failure raised while handling {@code route}; server-side failures (5xx) are logged with
     * their details, which never reach the caller unless the failure's message is meant to be shown.
     */
    public APIGatewayProxyResponseEvent toResponse(String route, RuntimeException failure) {
        Mapping mapping = mappingOf(failure);
        if (mapping == null || !(failure instanceof EmotionAnalyserException known)) {
            LOG.error("{} failed unexpectedly", route, failure);
            return ApiResponses.error(500, "InternalError", unexpectedMessage);
        }
        if (mapping.status() >= 500) {
            LOG.error("{} failed: [{}] {}", route, known.code(), known.getMessage(), known);
        }
        String message = mapping.publicMessage() == null ? known.getMessage() : mapping.publicMessage();
        Map<String, String> headers = mapping.status() == 401 ? Map.of("WWW-Authenticate", "Bearer") : Map.of();
        return ApiResponses.json(mapping.status(),
                Map.of("error", Map.of("code", known.code(), "message", message)), headers);
    }

    private Mapping mappingOf(RuntimeException failure) {
        for (Class<?> type = failure.getClass(); type != null && type != RuntimeException.class;
             type = type.getSuperclass()) {
            Mapping mapping = mappings.get(type);
            if (mapping != null) {
                return mapping;
            }
        }
        return null;
    }

    /** Collects a module's mappings. */
    public static final class Builder {

        private final Map<Class<? extends RuntimeException>, Mapping> mappings = new LinkedHashMap<>();
        private String unexpectedMessage = DEFAULT_UNEXPECTED;

        private Builder() {
        }

        /** Failures of this type (and its subclasses) answer {@code status} with their own code and message. */
        public Builder map(Class<? extends EmotionAnalyserException> type, int status) {
            mappings.put(type, new Mapping(status, null));
            return this;
        }

        /** As {@link #map(Class, int)}, but the caller sees {@code publicMessage} instead of the failure's own. */
        public Builder map(Class<? extends EmotionAnalyserException> type, int status, String publicMessage) {
            mappings.put(type, new Mapping(status, publicMessage));
            return this;
        }

        /** The message of the 500 answered for a failure that is not one of ours (a bug). */
        public Builder unexpectedMessage(String message) {
            this.unexpectedMessage = message;
            return this;
        }

        public ApiErrors build() {
            return new ApiErrors(mappings, unexpectedMessage);
        }
    }
}
