package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.router.json.EventJson;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Proxy responses in the API's one shape: JSON bodies, and errors as {@code {"error": {"code", "message"}}}.
 */
public final class ApiResponses {

    private static final ObjectMapper MAPPER = EventJson.mapper();

    private ApiResponses() {
    }

    /** A JSON response with the given status. */
    public static APIGatewayProxyResponseEvent json(int status, Object body) {
        return json(status, body, Map.of());
    }

    /** A JSON response with extra headers (e.g. {@code Location}). */
    public static APIGatewayProxyResponseEvent json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        try {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(status)
                    .withHeaders(all)
                    .withBody(body == null ? null : MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response bodies are plain records and maps", e);
        }
    }

    /** The error shape; {@code message} must already be safe to show (no secrets, no image data). */
    public static APIGatewayProxyResponseEvent error(int status, String code, String message) {
        return json(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    /** 204 with no body. */
    public static APIGatewayProxyResponseEvent noContent() {
        return new APIGatewayProxyResponseEvent().withStatusCode(204).withHeaders(Map.of());
    }
}
