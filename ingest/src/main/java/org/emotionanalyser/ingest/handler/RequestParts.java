package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.router.api.InvalidRequestException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reading proxy-event parts the way API Gateway delivers them (header names in any case, fields absent). */
final class RequestParts {

    private RequestParts() {
    }

    /** A header's value, matching the name case-insensitively, or null. */
    static String header(APIGatewayProxyRequestEvent event, String name) {
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

    /** A path parameter, or null when the event has none by that name. */
    static String pathParameter(APIGatewayProxyRequestEvent event, String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /**
     * A path parameter with percent-escapes decoded: REST APIs pass path parameters on as they appeared in the
     * URL ({@code beach%20party.jpg}). {@code +} stays a plus (it means space only in query strings); text that is
     * not valid percent-encoded UTF-8 is returned unchanged.
     */
    static String decodedPathParameter(APIGatewayProxyRequestEvent event, String name) {
        String raw = pathParameter(event, name);
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

    /** A text field of a JSON object; null when absent or null; 400 when it is not text. */
    static String text(JsonNode json, String field) {
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
    static Long wholeNumber(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new InvalidRequestException("'" + field + "' must be a whole number");
        }
        return value.asLong();
    }
}
