package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.router.json.EventJson;

/** Read access to a proxy request: its route, parameters and JSON body, with malformed input answered as 400. */
public final class ApiRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final APIGatewayProxyRequestEvent event;

    public ApiRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
    }

    /** {@code httpMethod + " " + resource}, e.g. {@code GET /tenants/{tenantId}}. */
    public String route() {
        return event.getHttpMethod() + " " + event.getResource();
    }

    /** A path parameter, or {@code null}. */
    public String path(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    /** A query parameter; empty values count as absent. */
    public Optional<String> query(String name) {
        Map<String, String> params = event.getQueryStringParameters();
        String value = params == null ? null : params.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** {@code limit}: 1 to 1000, default 50. */
    public int limit() {
        Optional<String> text = query("limit");
        if (text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** {@code nextToken}, or {@code null} for the first page. */
    public String nextToken() {
        return query("nextToken").orElse(null);
    }

    /** The JSON body as the given type; an absent body reads as {@code {}} when {@code optional}. */
    public <T> T body(Class<T> type, boolean optional) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            if (optional) {
                body = "{}";
            } else {
                throw new InvalidRequestException("a JSON body is required");
            }
        } else if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("the body is marked base64 but is not base64");
            }
        }
        try {
            T value = MAPPER.readValue(body, type);
            if (value == null) {
                throw new InvalidRequestException("the body must be a JSON object");
            }
            return value;
        } catch (IOException e) {
            throw new InvalidRequestException("the body is not the expected JSON object; check field names and types");
        }
    }
}
