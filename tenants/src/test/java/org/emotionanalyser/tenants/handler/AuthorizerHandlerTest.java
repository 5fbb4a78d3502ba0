package org.emotionanalyser.tenants.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.domain.UsageKey;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizerHandlerTest {

    private static final String ADMIN_KEY = "admin-key-example";
    private static final String STAGE = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/*";
    private static final String ADMIN_USAGE_KEY = "emotion-analyser-prod-admin-usage-key";
    private static final UsageKey TENANT_USAGE_KEY = new UsageKey("k1a2b3", "Zq8X1vYt0pR4mN7bC2dF5gH9jK3lW6sA0eU1iO2y");

    private final ApiKeys keys = new ApiKeys();
    private InMemoryStores.Tenants directory;
    private AuthorizerHandler handler;
    private String tenantKey;

    @BeforeEach
    void setUp() throws Exception {
        directory = new InMemoryStores.Tenants();
        ApiKeys.IssuedKey issued = keys.issue("tenant-a");
        tenantKey = issued.plaintext();
        directory.save(Tenant.newTenant("tenant-a", "A", 50, 30, Instant.EPOCH).withKey(issued.salt(), issued.hash())
                .withUsageKey(TENANT_USAGE_KEY).withStatus(TenantStatus.ACTIVE));
        handler = new AuthorizerHandler(directory, sha256(ADMIN_KEY), ADMIN_USAGE_KEY);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static APIGatewayCustomAuthorizerEvent withAuthorization(String headerName, String value) {
        APIGatewayCustomAuthorizerEvent event = Events.authorizer("authorizer-request");
        Map<String, String> headers = new java.util.HashMap<>(event.getHeaders());
        headers.remove("authorization");
        if (value != null) {
            headers.put(headerName, value);
        }
        event.setHeaders(headers);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static List<String> resources(AuthorizerResponse response) {
        Map<String, Object>[] statements = (Map<String, Object>[]) response.getPolicyDocument().get("Statement");
        assertThat(statements).hasSize(1);
        assertThat(statements[0]).containsEntry("Effect", "Allow").containsEntry("Action", "execute-api:Invoke");
        Object resource = statements[0].get("Resource");
        return resource instanceof String[] array ? List.of(array) : (List<String>) resource;
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorization", "Authorization", "AUTHORIZATION"})
    void handleRequest_whenTenantKeyValid_allowsStageWithTenantContext(String headerName) {
        AuthorizerResponse response = handler.handleRequest(withAuthorization(headerName, "Bearer " + tenantKey), null);

        assertThat(response.getPrincipalId()).isEqualTo("tenant-a");
        assertThat(response.getContext()).containsEntry("role", "tenant").containsEntry("tenantId", "tenant-a");
        assertThat(resources(response)).containsExactly(STAGE);
    }

    @Test
    void handleRequest_whenFixtureAsRecorded_parsesLowercaseHeaderAndSchemeInAnyCase() {
        APIGatewayCustomAuthorizerEvent event = withAuthorization("authorization", "bearer   " + tenantKey + " ");

        assertThat(handler.handleRequest(event, null).getContext()).containsEntry("tenantId", "tenant-a");
    }

    @Test
    void handleRequest_whenAdminKey_allowsWithAdminRole() {
        AuthorizerResponse response = handler.handleRequest(withAuthorization("Authorization", "Bearer " + ADMIN_KEY),
                null);

        assertThat(response.getContext()).containsEntry("role", "admin").doesNotContainKey("tenantId");
        assertThat(resources(response)).containsExactly(STAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "tenant-a.secret",
            "Bearer tenant-a.wrong-secret", "Bearer tenant-b.secret", "Bearer ../x.secret", "Bearer admin-key-exampl"})
    void handleRequest_whenKeyMissingOrWrong_throwsUnauthorized(String header) {
        assertThatThrownBy(() -> handler.handleRequest(withAuthorization("Authorization", header), null))
                .hasMessage("Unauthorized");
    }

    @Test
    void handleRequest_whenNoAuthorizationHeader_throwsUnauthorizedWithoutLookup() {
        AuthorizerHandler untouched = new AuthorizerHandler(Untouchable.of(TenantDirectory.class), "00",
                ADMIN_USAGE_KEY);

        assertThatThrownBy(() -> untouched.handleRequest(withAuthorization("Authorization", null), null))
                .hasMessage("Unauthorized");
    }

    @Test
    void handleRequest_whenTenantNotActive_throwsUnauthorized() {
        directory.save(directory.find("tenant-a").orElseThrow().withStatus(TenantStatus.DELETING));

        assertThatThrownBy(() -> handler.handleRequest(withAuthorization("Authorization", "Bearer " + tenantKey), null))
                .hasMessage("Unauthorized");
    }

    @Test
    void handleRequest_whenKeyRotated_oldKeyRefusedAndNewKeyAllowed() {
        ApiKeys.IssuedKey rotated = keys.issue("tenant-a");
        directory.save(directory.find("tenant-a").orElseThrow().withKey(rotated.salt(), rotated.hash()));

        assertThatThrownBy(() -> handler.handleRequest(withAuthorization("Authorization", "Bearer " + tenantKey), null))
                .hasMessage("Unauthorized");
        assertThat(handler.handleRequest(withAuthorization("Authorization", "Bearer " + rotated.plaintext()), null)
                .getContext()).containsEntry("tenantId", "tenant-a");
    }

    @Test
    void handleRequest_whenTenantKeyValid_returnsTheTenantsOwnUsageKeySoApiGatewayThrottlesItAlone() {
        AuthorizerResponse response = handler.handleRequest(
                withAuthorization("authorization", "Bearer " + tenantKey), null);

        assertThat(response.getUsageIdentifierKey()).isEqualTo(TENANT_USAGE_KEY.value());
        assertThat(response.toString()).doesNotContain(TENANT_USAGE_KEY.value());
    }

    @Test
    void handleRequest_whenAdminKey_returnsTheAdminsUnthrottledUsageKey() {
        AuthorizerResponse response = handler.handleRequest(
                withAuthorization("Authorization", "Bearer " + ADMIN_KEY), null);

        assertThat(response.getUsageIdentifierKey()).isEqualTo(ADMIN_USAGE_KEY);
    }

    @Test
    void handleRequest_whenTenantCreatedBeforeUsagePlans_stillAllowsItOnTheAdminsUnthrottledKey() {
        Tenant tenant = directory.find("tenant-a").orElseThrow();
        directory.save(AdminApiHandlerTest.withoutUsageKey(tenant));

        AuthorizerResponse response = handler.handleRequest(
                withAuthorization("authorization", "Bearer " + tenantKey), null);

        assertThat(response.getContext()).containsEntry("tenantId", "tenant-a");
        assertThat(response.getUsageIdentifierKey()).isEqualTo(ADMIN_USAGE_KEY);
    }

    @Test
    void handleRequest_whenSerialisedByGetters_hasTheFieldsApiGatewayReads() throws Exception {
        AuthorizerResponse response = handler.handleRequest(
                withAuthorization("authorization", "Bearer " + tenantKey), null);

        JsonNode json = new ObjectMapper().valueToTree(response);

        assertThat(json.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("principalId", "policyDocument", "context", "usageIdentifierKey");
        assertThat(json.path("usageIdentifierKey").asText()).isEqualTo(TENANT_USAGE_KEY.value());
        assertThat(json.path("policyDocument").path("Version").asText()).isEqualTo("2012-10-17");
        JsonNode statement = json.path("policyDocument").path("Statement").path(0);
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(statement.path("Action").asText()).isEqualTo("execute-api:Invoke");
        assertThat(statement.path("Resource").path(0).asText()).isEqualTo(STAGE);
        assertThat(json.path("context").path("tenantId").asText()).isEqualTo("tenant-a");
    }
}
