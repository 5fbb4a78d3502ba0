package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiKey;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-tenant throttling through the whole local runtime, provisioned from the project's template: the admin API
 * gives each tenant its own key in the tenants' usage plan (10 requests/s, burst 20), the real authorizer returns it,
 * and the API Gateway emulation answers a tenant over its limit with 429 while another tenant's requests at the same
 * moment are all served. Prints one {@code THROTTLING |} line with the counts.
 */
class TenantThrottlingIntegrationTest {

    private static final String PREFIX = "emotion-analyser-local-";
    /** The template's defaults (TenantRateLimit, TenantBurstLimit). */
    private static final int TENANT_RATE = 10;
    private static final int TENANT_BURST = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static LocalRuntime runtime;
    private static TestAwsClients aws;
    private static PipelineClient client;
    private static ApiGatewayClient apiGateway;

    @BeforeAll
    static void start() {
        Path data = dataDir.resolve("data");
        LocalRuntimeOptions project = LocalPipelineIntegrationTest.projectStack(data, false);
        // No photo is analysed here: choosing the real Rekognition skips loading the local models.
        runtime = LocalRuntime.start(new LocalRuntimeOptions(project.dataDir(), 0, 0,
                LocalRuntimeOptions.Analyzer.REKOGNITION, project.knownFacesDir(), project.template(),
                project.asyncRetryDelays(), false));
        aws = new TestAwsClients(runtime);
        client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        apiGateway = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", runtime.region(),
                "AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"))
                .build(ApiGatewayClient.builder(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (apiGateway != null) {
            apiGateway.close();
        }
        if (aws != null) {
            aws.close();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void api_whenOneTenantBurstsOverItsLimit_throttlesOnlyThatTenantAndServesItAgainAfterwards() throws Exception {
        String noisyKey = client.createTenant("noisy");
        String quietKey = client.createTenant("quiet");
        int noisyRequests = 100;
        int quietRequests = 10;

        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> noisy = new ArrayList<>();
        List<Future<HttpResponse<String>>> quiet = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < noisyRequests; i++) {
            noisy.add(callers.submit(listImages(go, "noisy", noisyKey)));
            if (i % (noisyRequests / quietRequests) == 0) {
                quiet.add(callers.submit(listImages(go, "quiet", quietKey)));
            }
        }
        go.countDown();
        int noisyServed = 0;
        int noisyThrottled = 0;
        for (Future<HttpResponse<String>> call : noisy) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 429) {
                noisyThrottled++;
                assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
                        "{\"message\":\"Too Many Requests\"}"));
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                noisyServed++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Integer> quietStatuses = new ArrayList<>();
        for (Future<HttpResponse<String>> call : quiet) {
            quietStatuses.add(call.get().statusCode());
        }
        callers.shutdown();

        assertThat(quietStatuses).as("the quiet tenant's requests during the burst").hasSize(quietRequests)
                .containsOnly(200);
        // The token bucket's own bound: the burst at once, then the rate for as long as the burst lasted.
        assertThat(noisyServed).isLessThanOrEqualTo(TENANT_BURST + (int) Math.ceil(TENANT_RATE * seconds));
        assertThat(noisyThrottled).isEqualTo(noisyRequests - noisyServed).isPositive();

        // A second refills 10 tokens: the tenant is served again.
        LocalRuntimeIntegrationTest.sleep(1_000);
        for (int i = 0; i < TENANT_RATE / 2; i++) {
            assertThat(client.once("GET", "/tenants/noisy/images", noisyKey, null, null).statusCode())
                    .as("request %d after the burst", i).isEqualTo(200);
        }
        System.out.printf("THROTTLING | tenant burst of %d requests: served=%d throttled=%d in %.2f s; other "
                + "tenant's %d requests at the same moment: all 200%n", noisyRequests, noisyServed, noisyThrottled,
                seconds, quietRequests);
    }

    @Test
    void api_whenTheAdminCallsInABurst_isNotThrottledWithTheTenants() {
        for (int i = 0; i < TENANT_BURST * 2; i++) {
            assertThat(client.once("GET", "/tenants", runtime.adminKey(), null, null).statusCode())
                    .as("admin request %d", i).isEqualTo(200);
        }
    }

    @Test
    void deleteTenant_whenDone_removesItsUsagePlanKey() {
        String key = client.createTenant("leaving");
        assertThat(usageKeys("leaving")).hasSize(1);
        assertThat(client.raw("GET", "/tenants/leaving/images", key, null, null).statusCode()).isEqualTo(200);

        assertThat(client.raw("DELETE", "/tenants/leaving", runtime.adminKey(), null, null).statusCode())
                .isEqualTo(204);

        assertThat(usageKeys("leaving")).isEmpty();
    }

    @Test
    void api_whenATenantCreatedBeforeUsagePlansHasNoKey_isStillServedAndGetsOneWhenItsCreateIsRepeated() {
        String key = client.createTenant("legacy");
        ApiKey usageKey = usageKeys("legacy").get(0);
        // The tenant as a record written before per-tenant throttling: no usage-plan key of its own.
        aws.dynamoDb().updateItem(b -> b.tableName(PREFIX + "tenants")
                .key(Map.of("tenantId", AttributeValue.fromS("legacy")))
                .updateExpression("REMOVE usageKeyId, usageKeyValue"));
        apiGateway.deleteApiKey(b -> b.apiKey(usageKey.id()));

        for (int i = 0; i < TENANT_BURST + 10; i++) {
            assertThat(client.once("GET", "/tenants/legacy/images", key, null, null).statusCode())
                    .as("request %d of a tenant without a usage key", i).isEqualTo(200);
        }

        client.send("POST", "/tenants", runtime.adminKey(), "application/json",
                "{\"tenantId\":\"legacy\",\"name\":\"legacy\"}", 200);

        assertThat(usageKeys("legacy")).hasSize(1);
        assertThat(aws.dynamoDb().getItem(b -> b.tableName(PREFIX + "tenants").consistentRead(true)
                .key(Map.of("tenantId", AttributeValue.fromS("legacy")))).item()).containsKey("usageKeyValue");
        assertThat(client.raw("GET", "/tenants/legacy/images", key, null, null).statusCode()).isEqualTo(200);
    }

    private static List<ApiKey> usageKeys(String tenantId) {
        String name = PREFIX + "tenant_" + tenantId;
        return apiGateway.getApiKeysPaginator(b -> b.nameQuery(name)).items().stream()
                .filter(key -> key.name().equals(name)).toList();
    }

    private static Callable<HttpResponse<String>> listImages(CountDownLatch go, String tenantId, String key) {
        return () -> {
            go.await();
            return client.once("GET", "/tenants/" + tenantId + "/images", key, null, null);
        };
    }
}
