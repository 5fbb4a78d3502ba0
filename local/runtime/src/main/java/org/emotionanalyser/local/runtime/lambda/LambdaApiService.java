package org.emotionanalyser.local.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.router.domain.EmotionAnalyserException;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the Lambda API (REST-JSON, version {@code 2015-03-31}) that the stack's code calls: event source
 * mappings (Create, Get, List, Update, Delete). Mounted on the edge under the signing name {@code lambda}, so the
 * AdminApi's real {@code LambdaClient} creates local mappings at tenant onboarding.
 */
public final class LambdaApiService implements EdgeService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";

    private final EventSourceMappings mappings;

    public LambdaApiService(EventSourceMappings mappings) {
        this.mappings = mappings;
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        String path = request.rawPath();
        if (!path.startsWith(MAPPINGS)) {
            return error(400, "InvalidRequestContentException", request.method() + " " + path
                    + " is not supported by local mode's Lambda API; it serves event source mappings only");
        }
        String rest = path.substring(MAPPINGS.length());
        String uuid = rest.isEmpty() || rest.equals("/") ? null
                : URLDecoder.decode(rest.startsWith("/") ? rest.substring(1) : rest, StandardCharsets.UTF_8);
        try {
            return switch (request.method()) {
                case "POST" -> uuid == null ? create(request.body()) : notFound(uuid);
                case "GET" -> uuid == null ? list(query(request.rawQuery())) : found(mappings.get(uuid), uuid, 200);
                case "PUT" -> uuid == null ? notFound("") : update(uuid, request.body());
                case "DELETE" -> uuid == null ? notFound("") : deleted(uuid);
                default -> error(405, "InvalidRequestContentException", request.method() + " is not supported here");
            };
        } catch (EmotionAnalyserException e) {
            int status = switch (e.code()) {
                case "ResourceNotFoundException" -> 404;
                case "ResourceConflictException" -> 409;
                default -> 400;
            };
            return error(status, e.code(), e.getMessage());
        }
    }

    private EdgeResponse create(byte[] body) throws IOException {
        JsonNode input = JSON.readTree(body);
        EventSourceMapping mapping = mappings.create(text(input, "EventSourceArn"), text(input, "FunctionName"),
                input.has("BatchSize") ? input.get("BatchSize").asInt() : null,
                input.has("Enabled") ? input.get("Enabled").asBoolean() : null,
                strings(input.get("FunctionResponseTypes")), batchingWindow(input));
        return json(202, configuration(mapping, mapping.enabled() ? "Creating" : "Disabled"));
    }

    private EdgeResponse update(String uuid, byte[] body) throws IOException {
        JsonNode input = JSON.readTree(body);
        Optional<EventSourceMapping> updated = mappings.update(uuid,
                input.has("BatchSize") ? input.get("BatchSize").asInt() : null,
                input.has("Enabled") ? input.get("Enabled").asBoolean() : null,
                strings(input.get("FunctionResponseTypes")), batchingWindow(input));
        return found(updated, uuid, 202);
    }

    private static Integer batchingWindow(JsonNode input) {
        return input.has("MaximumBatchingWindowInSeconds") ? input.get("MaximumBatchingWindowInSeconds").asInt()
                : null;
    }

    private EdgeResponse deleted(String uuid) {
        Optional<EventSourceMapping> removed = mappings.delete(uuid);
        return removed.map(m -> json(202, configuration(m, "Deleting"))).orElseGet(() -> notFound(uuid));
    }

    private EdgeResponse list(Map<String, String> query) {
        List<EventSourceMapping> all = mappings.list(query.get("EventSourceArn"), query.get("FunctionName"));
        int start = query.containsKey("Marker") ? Integer.parseInt(query.get("Marker")) : 0;
        int max = query.containsKey("MaxItems") ? Integer.parseInt(query.get("MaxItems")) : 100;
        ObjectNode result = JSON.createObjectNode();
        var items = result.putArray("EventSourceMappings");
        int end = Math.min(all.size(), start + max);
        for (EventSourceMapping m : all.subList(Math.min(start, end), end)) {
            items.add(configuration(m, m.enabled() ? "Enabled" : "Disabled"));
        }
        if (end < all.size()) {
            result.put("NextMarker", String.valueOf(end));
        }
        return json(200, result);
    }

    private EdgeResponse found(Optional<EventSourceMapping> mapping, String uuid, int status) {
        return mapping.map(m -> json(status, configuration(m, m.enabled() ? "Enabled" : "Disabled")))
                .orElseGet(() -> notFound(uuid));
    }

    private static EdgeResponse notFound(String uuid) {
        return error(404, "ResourceNotFoundException", "The resource you requested does not exist. (event source "
                + "mapping " + uuid + ")");
    }

    private static ObjectNode configuration(EventSourceMapping m, String state) {
        ObjectNode c = JSON.createObjectNode();
        c.put("UUID", m.uuid());
        c.put("BatchSize", m.batchSize());
        c.put("MaximumBatchingWindowInSeconds", m.maximumBatchingWindowInSeconds());
        c.put("EventSourceArn", m.eventSourceArn());
        c.put("FunctionArn", m.functionArn());
        c.put("LastModified", (double) m.lastModifiedEpochSecond());
        c.put("State", state);
        c.put("StateTransitionReason", "USER_INITIATED");
        var types = c.putArray("FunctionResponseTypes");
        m.functionResponseTypes().forEach(types::add);
        return c;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static EdgeResponse json(int status, JsonNode body) {
        return EdgeResponse.text(status, "application/json", body.toString());
    }

    /** REST-JSON errors: the SDK reads the code from {@code x-amzn-ErrorType}. */
    private static EdgeResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        return new EdgeResponse(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", code),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }
}
