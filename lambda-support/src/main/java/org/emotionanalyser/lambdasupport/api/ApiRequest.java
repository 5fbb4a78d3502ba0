package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.router.json.EventJson;

/**
 * The one reader of API Gateway proxy requests (REST API, Lambda proxy integration): route, path and query
 * parameters, headers in any case, and JSON bodies, with malformed input answered as {@link InvalidRequestException}
 * (400). Every API handler parses its event through this class.
 */
public final class ApiRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;
    private static final ObjectMapper MAPPER = EventJson.mapper();

    private final APIGatewayProxyRequestEvent event;

    public ApiRequest(APIGatewayProxyRequestEvent event) {
        this.event = event;
    }

    /** The event as API Gateway delivered it. */
    public APIGatewayProxyRequestEvent event() {
        return event;
    }

    /** {@code httpMethod + " " + resource}, e.g. {@code GET /tenants/{tenantId}}. */
    public String route() {
        return event.getHttpMethod() + " " + event.getResource();
    }

    /** A path parameter as the URL had it, or {@code null}. */
    public String path(String name) {
        Map<String, String> params = event.getPathParameters();
        return params == null ? null : params.get(name);
    }

    /**
     * A path parameter with percent-escapes decoded: REST APIs pass path parameters on as they appeared in the
     * URL ({@code beach%20party.jpg}). {@code +} stays a plus (it means space only in query strings); text that is
     * not valid percent-encoded UTF-8 is returned unchanged.
     */
    public String decodedPath(String name) {
        String raw = path(name);
        if (raw == null || raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()
                    && Character.digit(raw.charAt(i + 1), 16) >= 0 && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(raw.charAt(i + 1), 16) << 4 | Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] literal = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    literal = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(literal);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return raw;
        }
    }

    /** A header's value, matching the name case-insensitively (single- or multi-value headers), or null. */
    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (name.equalsIgnoreCase(header.getKey())) {
                    return header.getValue();
                }
            }
        }
        Map<String, List<String>> multi = event.getMultiValueHeaders();
        if (multi != null) {
            for (Map.Entry<String, List<String>> header : multi.entrySet()) {
                if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null
                        && !header.getValue().isEmpty()) {
                    return header.getValue().get(0);
                }
            }
        }
        return null;
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

    /** The raw body (base64 text when {@link #isBase64Encoded()}), or null. */
    public String rawBody() {
        return event.getBody();
    }

    /** True when API Gateway base64-encoded the body (a binary media type). */
    public boolean isBase64Encoded() {
        return Boolean.TRUE.equals(event.getIsBase64Encoded());
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
        } else {
            body = textBody(body);
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

    /** The body as a JSON object whose fields are read with {@link #text(JsonNode, String)}. */
    public JsonNode jsonObject() {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request body is empty; send a JSON object");
        }
        try {
            JsonNode json = MAPPER.readTree(textBody(body));
            if (json == null || !json.isObject()) {
                throw new InvalidRequestException("the request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** A text field of a JSON object; null when absent or null; 400 when it is not text. */
    public static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException("'" + field + "' must be a string");
        }
        return value.asText();
    }

    /** A whole-number field of a JSON object; null when absent or null; 400 when it is not a whole number. */
    public static Long wholeNumber(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRequestException("'" + field + "' must be a whole number");
        }
        return value.asLong();
    }

    private String textBody(String body) {
        if (!isBase64Encoded()) {
            return body;
        }
        try {
            return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("the request body is marked base64 but is not valid base64");
        }
    }
}
