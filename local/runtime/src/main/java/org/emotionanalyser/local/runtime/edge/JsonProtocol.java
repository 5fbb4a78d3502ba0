package org.emotionanalyser.local.runtime.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Reading and answering requests of the AWS JSON 1.1 protocol ({@code X-Amz-Target: Service.Operation}). */
public final class JsonProtocol {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private JsonProtocol() {
    }

    /** The operation name: the part of {@code X-Amz-Target} after the dot. */
    public static String operation(EdgeRequest request) {
        String target = request.header("x-amz-target").orElse("");
        return target.substring(target.indexOf('.') + 1);
    }

    public static JsonNode body(EdgeRequest request) {
        if (request.body().length == 0) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            return Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new AwsServiceException(400, "SerializationException", "The request body is not JSON.");
        }
    }

    public static EdgeResponse ok(ObjectNode body) {
        return new EdgeResponse(200, Map.of("Content-Type", CONTENT_TYPE),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static EdgeResponse error(AwsServiceException e) {
        return AwsErrors.json(e.status(), e.code(), e.getMessage());
    }

    /** A required string member, or a ValidationException naming it. */
    public static String required(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new AwsServiceException(400, "ValidationException",
                    "1 validation error detected: Value null at '" + Character.toLowerCase(member.charAt(0))
                            + member.substring(1) + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    public static String optional(JsonNode body, String member) {
        JsonNode value = body.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }
}
