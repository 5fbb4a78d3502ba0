package org.emotionanalyser.local.runtime.apigateway;

import org.emotionanalyser.local.runtime.edge.EdgeServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.apigateway.model.ConflictException;
import software.amazon.awssdk.services.apigateway.model.CreateApiKeyResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.UsagePlan;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Local API Gateway's control plane as the admin API's real {@link ApiGatewayClient} calls it through the edge
 * (routed by the SigV4 service name {@code apigateway}), and the keys it creates as the gateway then sees them.
 */
class ApiGatewayControlApiTest {

    private static final ApiDefinition.Throttle TENANT_LIMIT = new ApiDefinition.Throttle(10, 20);

    @TempDir
    Path dataDir;

    private EdgeServer edge;
    private UsagePlanStore store;
    private ApiGatewayClient apiGateway;

    @BeforeEach
    void start() throws Exception {
        store = new UsagePlanStore(dataDir, Clock.systemUTC());
        store.applyTemplate(template());
        edge = EdgeServer.start(0);
        edge.register("apigateway", new ApiGatewayControlApi(store));
        apiGateway = ApiGatewayClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() throws Exception {
        apiGateway.close();
        edge.close();
    }

    private static ApiDefinition template() {
        return new ApiDefinition("restapi", "local", List.of(), List.of(), Map.of(), ApiDefinition.AUTHORIZER,
                new ApiDefinition.Throttle(50, 100),
                List.of(new ApiDefinition.UsagePlan("tenantusageplan", "emotion-analyser-local-tenants", TENANT_LIMIT),
                        new ApiDefinition.UsagePlan("adminusageplan", "emotion-analyser-local-admin", null)),
                List.of(new ApiDefinition.ApiKey("adminusagekey", "emotion-analyser-local-admin",
                        "emotion-analyser-local-admin-usage-key", true)),
                List.of(new ApiDefinition.UsagePlanKey("adminusageplan", "adminusagekey")));
    }

    @Test
    void createApiKey_whenAddedToThePlan_isAKeyTheGatewayThrottlesWithThePlansLimit() {
        CreateApiKeyResponse created = apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_acme")
                .enabled(true));
        assertThat(created.value()).hasSize(40);
        assertThat(store.grantFor(created.value())).as("before it is in a plan").isEmpty();

        String planId = apiGateway.getUsagePlansPaginator(b -> b.build()).items().stream()
                .filter(plan -> plan.name().equals("emotion-analyser-local-tenants")).map(UsagePlan::id)
                .findFirst().orElseThrow();
        apiGateway.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(created.id()).keyType("API_KEY"));

        assertThat(store.grantFor(created.value())).contains(new UsagePlanStore.Grant(planId, TENANT_LIMIT));
        assertThat(apiGateway.getUsagePlanKey(b -> b.usagePlanId(planId).keyId(created.id())).value())
                .isEqualTo(created.value());
        assertThatThrownBy(() -> apiGateway.createUsagePlanKey(b -> b.usagePlanId(planId).keyId(created.id())
                .keyType("API_KEY"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void getApiKeys_whenQueriedByName_returnsKeysStartingWithItAndValuesOnlyWhenAsked() {
        apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_acme").enabled(true));
        apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_acme-2").enabled(true));
        apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_zeta").enabled(true));

        List<ApiKey> withValues = apiGateway.getApiKeysPaginator(b -> b.nameQuery("emotion-analyser-local-tenant_acme")
                .includeValues(true)).items().stream().toList();
        List<ApiKey> withoutValues = apiGateway.getApiKeys(b -> b.nameQuery("emotion-analyser-local-tenant_acme"))
                .items();

        assertThat(withValues).extracting(ApiKey::name).containsExactly("emotion-analyser-local-tenant_acme",
                "emotion-analyser-local-tenant_acme-2");
        assertThat(withValues).allSatisfy(key -> assertThat(key.value()).hasSize(40));
        assertThat(withoutValues).allSatisfy(key -> assertThat(key.value()).isNull());
    }

    @Test
    void deleteApiKey_whenTheKeyIsInAPlan_takesItOutSoTheGatewayRefusesIt() {
        CreateApiKeyResponse created = apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_acme")
                .enabled(true));
        apiGateway.createUsagePlanKey(b -> b.usagePlanId("tenantusageplan").keyId(created.id()).keyType("API_KEY"));

        apiGateway.deleteApiKey(b -> b.apiKey(created.id()));

        assertThat(store.grantFor(created.value())).isEmpty();
        assertThatThrownBy(() -> apiGateway.getUsagePlanKey(b -> b.usagePlanId("tenantusageplan")
                .keyId(created.id()))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> apiGateway.deleteApiKey(b -> b.apiKey(created.id())))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void store_whenReopened_keepsTheKeysCreatedAtRunTimeAndTheTemplatesKey() {
        CreateApiKeyResponse created = apiGateway.createApiKey(b -> b.name("emotion-analyser-local-tenant_acme")
                .enabled(true));
        apiGateway.createUsagePlanKey(b -> b.usagePlanId("tenantusageplan").keyId(created.id()).keyType("API_KEY"));

        UsagePlanStore reopened = new UsagePlanStore(dataDir, Clock.systemUTC());
        reopened.applyTemplate(template());

        assertThat(reopened.grantFor(created.value())).contains(new UsagePlanStore.Grant("tenantusageplan",
                TENANT_LIMIT));
        assertThat(reopened.grantFor("emotion-analyser-local-admin-usage-key"))
                .contains(new UsagePlanStore.Grant("adminusageplan", null));
        assertThat(reopened.grantFor("a-value-no-key-has-0123456789")).isEmpty();
    }
}
