package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.tenants.domain.AdminKeyUnavailableException;
import org.emotionanalyser.tenants.handler.AuthorizerHandler;
import org.emotionanalyser.tenants.handler.AuthorizerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The admin key read from Secrets Manager, against a loopback endpoint speaking its JSON protocol. */
class SecretsManagerAdminKeyStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:emotion-analyser-dev-admin-key-AbCdEf";
    private static final String ADMIN_KEY = "Zq3xV9sLw2Nf8RkT0mYbC4hJ6pUa1eGd";

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "{\"ARN\":\"" + SECRET_ARN + "\",\"Name\":\"emotion-analyser-dev-admin-key\","
            + "\"SecretString\":\"" + ADMIN_KEY + "\",\"VersionId\":\"v1\"}";
    private final LoopbackHttpServer server = LoopbackHttpServer.start(exchange -> {
        byte[] body = exchange.getRequestBody().readAllBytes();
        requests.add(((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body)).put("target", exchange.getRequestHeaders().getFirst("X-Amz-Target")));
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    });

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put(AwsClientSettings.REGION, "eu-west-1");
        env.put(AwsClientSettings.ENDPOINT_URL, server.endpoint());
        env.put(AwsClientSettings.ACCESS_KEY_ID, "test");
        env.put(AwsClientSettings.SECRET_ACCESS_KEY, "test");
        env.put("TENANTS_TABLE", "emotion-analyser-dev-tenants");
        env.put("ADMIN_KEY_SECRET_ID", SECRET_ARN);
        env.put("ADMIN_USAGE_KEY", "emotion-analyser-dev-admin-usage-key");
        return env;
    }

    private SecretsManagerAdminKeyStore store() {
        SecretsManagerClient client = AwsClientSettings.fromEnvironment(environment())
                .build(SecretsManagerClient.builder(), Duration.ofSeconds(5));
        return new SecretsManagerAdminKeyStore(client, SECRET_ARN);
    }

    @Test
    void adminKey_whenSecretHasAValue_returnsItAfterAskingForThatSecret() {
        assertThat(store().adminKey()).isEqualTo(ADMIN_KEY);

        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).path("target").asText()).isEqualTo("secretsmanager.GetSecretValue");
        assertThat(requests.get(0).path("SecretId").asText()).isEqualTo(SECRET_ARN);
    }

    @Test
    void adminKey_whenSecretCannotBeRead_failsNamingTheSecretAndTheFix() {
        status = 400;
        answer = "{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}";

        assertThatThrownBy(() -> store().adminKey()).isInstanceOf(AdminKeyUnavailableException.class)
                .hasMessageContaining(SECRET_ARN).hasMessageContaining("secretsmanager:GetSecretValue");
    }

    @Test
    void authorizer_whenConfiguredWithTheSecret_acceptsItsKeyAndReadsTheSecretOnceAtInit() throws IOException {
        AuthorizerHandler authorizer = new AuthorizerHandler(environment());
        assertThat(requests).as("read at init").hasSize(1);

        for (int call = 0; call < 3; call++) {
            AuthorizerResponse response = authorizer.handleRequest(adminRequest(ADMIN_KEY), null);
            assertThat(response.getContext()).containsEntry("role", "admin");
        }
        assertThatThrownBy(() -> authorizer.handleRequest(adminRequest(ADMIN_KEY + "x"), null))
                .hasMessage("Unauthorized");
        assertThat(requests).as("never read again").hasSize(1);
    }

    private static APIGatewayCustomAuthorizerEvent adminRequest(String key) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn("arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/tenants");
        event.setHeaders(Map.of("Authorization", "Bearer " + key));
        return event;
    }
}
