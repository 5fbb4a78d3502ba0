package org.emotionanalyser.local.runtime.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.runtime.edge.AwsServiceException;
import org.emotionanalyser.local.runtime.edge.EdgeRequest;
import org.emotionanalyser.local.runtime.edge.EdgeResponse;
import org.emotionanalyser.local.runtime.edge.EdgeService;
import org.emotionanalyser.local.runtime.edge.Json;
import org.emotionanalyser.local.runtime.edge.JsonProtocol;
import org.emotionanalyser.local.runtime.edge.QueryProtocol;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The part of API Gateway's control plane (REST-JSON, signing name {@code apigateway}) that the stack's code calls:
 * API keys ({@code POST|GET /apikeys}, {@code GET|DELETE /apikeys/{id}}), usage plans ({@code GET /usageplans})
 * and their keys ({@code GET|POST /usageplans/{id}/keys}, {@code GET|DELETE /usageplans/{id}/keys/{keyId}}), with
 * the real service's status codes and member names ({@code item} for lists). The admin API's real
 * {@code ApiGatewayClient} creates each tenant's usage-plan key here.
 */
public record ApiGatewayControlApi(UsagePlanStore store) implements EdgeService {

    private static final int DEFAULT_PAGE = 25;
    private static final int MAX_PAGE = 500;

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        List<String> path = segments(request.rawPath());
        String method = request.method();
        try {
            if (path.size() >= 1 && path.get(0).equals("apikeys")) {
                return apiKeys(method, path, request);
            }
            if (path.size() >= 1 && path.get(0).equals("usageplans")) {
                return usagePlans(method, path, request);
            }
            throw new AwsServiceException(404, "NotFoundException", method + " " + request.rawPath()
                    + " is not served by local mode's API Gateway control plane; it serves API keys and usage plans");
        } catch (AwsServiceException e) {
            return JsonProtocol.error(e);
        }
    }

    private EdgeResponse apiKeys(String method, List<String> path, EdgeRequest request) {
        if (path.size() == 1 && method.equals("POST")) {
            JsonNode body = JsonProtocol.body(request);
            UsagePlanStore.StoredKey key = store.createKey(JsonProtocol.optional(body, "name"),
                    JsonProtocol.optional(body, "description"), body.path("enabled").asBoolean(false),
                    JsonProtocol.optional(body, "value"));
            return json(201, key(key, true));
        }
        if (path.size() == 1 && method.equals("GET")) {
            Map<String, String> query = QueryProtocol.parameters(request);
            boolean values = "true".equals(query.get("includeValues"));
            return json(200, page(store.keys(query.get("name")).stream().map(k -> key(k, values)).toList(), query));
        }
        if (path.size() == 2 && method.equals("GET")) {
            boolean value = "true".equals(QueryProtocol.parameters(request).get("includeValue"));
            return json(200, key(store.key(path.get(1)), value));
        }
        if (path.size() == 2 && method.equals("DELETE")) {
            store.deleteKey(path.get(1));
            return new EdgeResponse(202, Map.of(), new byte[0]);
        }
        throw unsupported(method, request);
    }

    private EdgeResponse usagePlans(String method, List<String> path, EdgeRequest request) {
        if (path.size() == 1 && method.equals("GET")) {
            return json(200, page(store.plans().stream().map(ApiGatewayControlApi::plan).toList(),
                    QueryProtocol.parameters(request)));
        }
        if (path.size() < 3 || !path.get(2).equals("keys")) {
            throw unsupported(method, request);
        }
        String planId = path.get(1);
        if (path.size() == 3 && method.equals("GET")) {
            return json(200, page(store.planKeys(planId).stream().map(ApiGatewayControlApi::planKey).toList(),
                    QueryProtocol.parameters(request)));
        }
        if (path.size() == 3 && method.equals("POST")) {
            JsonNode body = JsonProtocol.body(request);
            String type = JsonProtocol.required(body, "keyType");
            if (!type.equals("API_KEY")) {
                throw new AwsServiceException(400, "BadRequestException", "Invalid key type " + type
                        + "; the only key type is API_KEY");
            }
            return json(201, planKey(store.addPlanKey(planId, JsonProtocol.required(body, "keyId"))));
        }
        if (path.size() == 4 && method.equals("GET")) {
            return json(200, planKey(store.planKey(planId, path.get(3))));
        }
        if (path.size() == 4 && method.equals("DELETE")) {
            store.removePlanKey(planId, path.get(3));
            return new EdgeResponse(202, Map.of(), new byte[0]);
        }
        throw unsupported(method, request);
    }

    private static ObjectNode key(UsagePlanStore.StoredKey key, boolean withValue) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", key.id());
        node.put("name", key.name());
        if (key.description() != null) {
            node.put("description", key.description());
        }
        node.put("enabled", key.enabled());
        node.put("createdDate", key.createdDate());
        node.put("lastUpdatedDate", key.createdDate());
        node.putArray("stageKeys");
        if (withValue) {
            node.put("value", key.value());
        }
        return node;
    }

    private static ObjectNode planKey(UsagePlanStore.StoredKey key) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", key.id());
        node.put("type", "API_KEY");
        node.put("name", key.name());
        node.put("value", key.value());
        return node;
    }

    private static ObjectNode plan(UsagePlanStore.StoredPlan plan) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("id", plan.id());
        node.put("name", plan.name());
        if (plan.throttle() != null) {
            node.putObject("throttle").put("rateLimit", plan.throttle().rateLimit())
                    .put("burstLimit", plan.throttle().burstLimit());
        }
        return node;
    }

    /** {@code {"item": [...], "position": "<next>"}}, paged by {@code limit} and {@code position}. */
    private static ObjectNode page(List<ObjectNode> items, Map<String, String> query) {
        int start = parse(query.get("position"), 0, Integer.MAX_VALUE, "position");
        int limit = parse(query.get("limit"), DEFAULT_PAGE, MAX_PAGE, "limit");
        ObjectNode page = Json.MAPPER.createObjectNode();
        ArrayNode item = page.putArray("item");
        int end = Math.min(items.size(), start + limit);
        for (int i = Math.min(start, end); i < end; i++) {
            item.add(items.get(i));
        }
        if (end < items.size()) {
            page.put("position", String.valueOf(end));
        }
        return page;
    }

    private static int parse(String value, int absent, int max, String name) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= 0 && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new AwsServiceException(400, "BadRequestException", "Invalid " + name + " " + value);
    }

    private static List<String> segments(String rawPath) {
        String trimmed = rawPath.replaceAll("^/+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() ? List.of() : java.util.Arrays.stream(trimmed.split("/"))
                .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8)).toList();
    }

    private static AwsServiceException unsupported(String method, EdgeRequest request) {
        return new AwsServiceException(404, "NotFoundException", method + " " + request.rawPath()
                + " is not served by local mode's API Gateway control plane");
    }

    private static EdgeResponse json(int status, ObjectNode body) {
        return EdgeResponse.text(status, "application/json", body.toString());
    }
}
