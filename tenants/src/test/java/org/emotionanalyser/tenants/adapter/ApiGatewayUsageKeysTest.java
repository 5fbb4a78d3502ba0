package org.emotionanalyser.tenants.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.tenants.domain.UsageKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The real API Gateway client against a loopback endpoint that keeps API keys and one usage plan's keys the way API
 * Gateway's REST API answers them, and records each call as {@code METHOD path}.
 */
class ApiGatewayUsageKeysTest {

    private static final String PLAN_NAME = "emotion-analyser-dev-tenants";
    private static final String PLAN_ID = "p1a2b3";
    private static final String KEY_NAME = "emotion-analyser-dev-tenant_acme";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Key id -> {name, value}. */
    private final Map<String, Map<String, String>> keys = new ConcurrentHashMap<>();
    private final Set<String> planKeys = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int failStatus;
    private final LoopbackHttpServer server = LoopbackHttpServer.start(this::answer);
    private final ApiGatewayClient client = AwsClientSettings.fromEnvironment(Map.of(
            "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", server.endpoint(),
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"))
            .build(ApiGatewayClient.builder(), Duration.ofSeconds(10));
    private final ApiGatewayUsageKeys usageKeys = new ApiGatewayUsageKeys(client, PLAN_NAME);

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void ensure_whenTheTenantHasNoKey_createsOneAndAddsItToTheTenantsPlan() {
        UsageKey key = usageKeys.ensure(KEY_NAME);

        assertThat(keys).containsOnlyKeys(key.id());
        assertThat(keys.get(key.id())).containsEntry("name", KEY_NAME).containsEntry("value", key.value());
        assertThat(planKeys).containsExactly(key.id());
        assertThat(calls).containsExactly("GET /apikeys", "POST /apikeys", "GET /usageplans",
                "GET /usageplans/" + PLAN_ID + "/keys/" + key.id(), "POST /usageplans/" + PLAN_ID + "/keys");
    }

    @Test
    void ensure_whenRetriedAfterTheKeyWasCreatedButNotAdded_addsTheSameKeyWithoutASecond() {
        keys.put("k-earlier", Map.of("name", KEY_NAME, "value", "earlier-value-0123456789abcdef"));

        UsageKey key = usageKeys.ensure(KEY_NAME);

        assertThat(key).isEqualTo(new UsageKey("k-earlier", "earlier-value-0123456789abcdef"));
        assertThat(keys).containsOnlyKeys("k-earlier");
        assertThat(planKeys).containsExactly("k-earlier");
        assertThat(calls).doesNotContain("POST /apikeys");
    }

    @Test
    void ensure_whenRepeatedForAKeyAlreadyInThePlan_changesNothing() {
        UsageKey first = usageKeys.ensure(KEY_NAME);
        calls.clear();

        UsageKey again = usageKeys.ensure(KEY_NAME);

        assertThat(again).isEqualTo(first);
        assertThat(calls).containsExactly("GET /apikeys", "GET /usageplans/" + PLAN_ID + "/keys/" + first.id());
    }

    @Test
    void ensure_whenAnotherTenantsKeyNameStartsWithThisName_createsThisTenantsOwnKey() {
        keys.put("k-other", Map.of("name", KEY_NAME + "-2", "value", "other-value-0123456789abcdefgh"));

        UsageKey key = usageKeys.ensure(KEY_NAME);

        assertThat(key.id()).isNotEqualTo("k-other");
        assertThat(planKeys).containsExactly(key.id());
    }

    @Test
    void ensure_whenApiGatewayRefuses_throwsProvisioningFailedAskingForARetry() {
        failStatus = 400;

        assertThatThrownBy(() -> usageKeys.ensure(KEY_NAME)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("repeat the same request");
    }

    @Test
    void ensure_whenThePlanDoesNotExist_namesThePlanItLookedFor() {
        ApiGatewayUsageKeys misnamed = new ApiGatewayUsageKeys(client, "emotion-analyser-dev-nothing");

        assertThatThrownBy(() -> misnamed.ensure(KEY_NAME)).isInstanceOf(ProvisioningFailedException.class)
                .hasMessageContaining("emotion-analyser-dev-nothing");
    }

    @Test
    void remove_whenTheTenantIsDeleted_deletesItsKeyAndNoOtherTenants() {
        UsageKey key = usageKeys.ensure(KEY_NAME);
        keys.put("k-other", Map.of("name", KEY_NAME + "-2", "value", "other-value-0123456789abcdefgh"));

        usageKeys.remove(KEY_NAME);

        assertThat(keys).containsOnlyKeys("k-other");
        assertThat(calls).contains("DELETE /apikeys/" + key.id());
    }

    @Test
    void remove_whenThereIsNoKey_doesNothing() {
        usageKeys.remove(KEY_NAME);

        assertThat(calls).containsExactly("GET /apikeys");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = LoopbackHttpServer.formParameters(
                exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        calls.add(method + " " + path);
        if (failStatus != 0) {
            send(exchange, failStatus, error("refused"), "BadRequestException");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        if (method.equals("GET") && path.equals("/apikeys")) {
            ArrayNode items = answer.putArray("item");
            String prefix = query.getOrDefault("name", "");
            keys.forEach((id, key) -> {
                if (key.get("name").startsWith(prefix)) {
                    ObjectNode item = items.addObject().put("id", id).put("name", key.get("name"))
                            .put("enabled", true);
                    if ("true".equals(query.get("includeValues"))) {
                        item.put("value", key.get("value"));
                    }
                }
            });
            send(exchange, 200, answer, null);
        } else if (method.equals("POST") && path.equals("/apikeys")) {
            JsonNode request = JSON.readTree(body);
            String id = "k" + (keys.size() + 1);
            String value = "generated-value-" + id + "-0123456789abcdef";
            keys.put(id, Map.of("name", request.path("name").asText(), "value", value));
            send(exchange, 201, answer.put("id", id).put("name", request.path("name").asText()).put("value", value)
                    .put("enabled", request.path("enabled").asBoolean()), null);
        } else if (method.equals("GET") && path.equals("/usageplans")) {
            answer.putArray("item").addObject().put("id", PLAN_ID).put("name", PLAN_NAME);
            send(exchange, 200, answer, null);
        } else if (method.equals("GET") && path.startsWith("/usageplans/" + PLAN_ID + "/keys/")) {
            String keyId = path.substring(path.lastIndexOf('/') + 1);
            if (planKeys.contains(keyId)) {
                send(exchange, 200, answer.put("id", keyId).put("type", "API_KEY"), null);
            } else {
                send(exchange, 404, error("Invalid API Key identifier specified"),
                        "NotFoundException");
            }
        } else if (method.equals("POST") && path.equals("/usageplans/" + PLAN_ID + "/keys")) {
            JsonNode request = JSON.readTree(body);
            assertThat(request.path("keyType").asText()).isEqualTo("API_KEY");
            planKeys.add(request.path("keyId").asText());
            send(exchange, 201, answer.put("id", request.path("keyId").asText()).put("type", "API_KEY"), null);
        } else if (method.equals("DELETE") && path.startsWith("/apikeys/")) {
            String keyId = path.substring("/apikeys/".length());
            keys.remove(keyId);
            planKeys.remove(keyId);
            send(exchange, 202, null, null);
        } else {
            send(exchange, 404, error("no route " + method + " " + path), "NotFoundException");
        }
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("message", message);
    }

    private static void send(HttpExchange exchange, int status, ObjectNode body, String errorType) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
