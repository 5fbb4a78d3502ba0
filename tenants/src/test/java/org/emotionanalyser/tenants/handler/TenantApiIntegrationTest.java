package org.emotionanalyser.tenants.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.adapter.DynamoDbEmotionTimeline;
import org.emotionanalyser.tenants.adapter.DynamoDbImageCatalogue;
import org.emotionanalyser.tenants.adapter.DynamoDbTenantDirectory;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.TenantOnboarding;
import org.emotionanalyser.tenants.domain.TenantSubscriptions;
import org.emotionanalyser.tenants.testing.Analyses;
import org.emotionanalyser.tenants.testing.DynamoDbLocalServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API, the authorizer and the tenant API over real DynamoDB Local tables (the tenant registry, the image
 * catalogue and the emotion tables). The AWS messaging resources and the bucket are in-memory here; their adapters
 * have their own tests.
 */
class TenantApiIntegrationTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = "admin-key-example";
    /** SHA-256 of {@link #ADMIN_KEY}. */
    private static final String ADMIN_SHA;

    static {
        try {
            ADMIN_SHA = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ADMIN_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private DynamoDbLocalServer.Stack stack;
    private DynamoDbTenantDirectory directory;
    private DynamoDbImageCatalogue catalogue;
    private DynamoDbEmotionTimeline timeline;
    private InMemoryPorts.Resources resources;
    private InMemoryPorts.Objects objects;
    private AdminApiHandler admin;
    private TenantApiHandler api;
    private AuthorizerHandler authorizer;

    @BeforeEach
    void setUp() {
        DynamoDbLocalServer server = DynamoDbLocalServer.shared();
        stack = server.newStack();
        directory = new DynamoDbTenantDirectory(server.enhancedClient(), stack.tenantsTable(), 50, 30);
        catalogue = new DynamoDbImageCatalogue(server.enhancedClient(), stack.imagesTable());
        timeline = new DynamoDbEmotionTimeline(server.enhancedClient(), stack::emotionTable);
        resources = new InMemoryPorts.Resources();
        objects = new InMemoryPorts.Objects();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        InMemoryPorts.Links links = new InMemoryPorts.Links();
        admin = new AdminApiHandler(new TenantOnboarding(directory, resources, new InMemoryPorts.UsageKeys(), objects, catalogue, timeline,
                new ApiKeys(), clock, "emotion-analyser-it", 50, 30));
        api = new TenantApiHandler(new ImageQueries(catalogue, timeline, objects, links, clock),
                new TenantSubscriptions(directory, new InMemoryPorts.SubscriptionsOnTopics()),
                new CsvExport(timeline, new InMemoryPorts.Exports(), links, new InMemoryPorts.Notices(), directory,
                        clock));
        authorizer = new AuthorizerHandler(directory, ADMIN_SHA, "emotion-analyser-it-admin-usage-key");
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    /** Creates a tenant through the admin API and returns its key. */
    private String createTenant(String tenantId) throws Exception {
        APIGatewayProxyRequestEvent event = Events.proxy("admin-create-tenant");
        event.setBody("{\"tenantId\":\"" + tenantId + "\",\"name\":\"Tenant " + tenantId + "\"}");
        APIGatewayProxyResponseEvent response = admin.handleRequest(event, null);
        assertThat(response.getStatusCode()).isEqualTo(201);
        return body(response).path("apiKey").asText();
    }

    /** Runs the authorizer on the key, then the tenant API with the context it produced, like API Gateway. */
    private APIGatewayProxyResponseEvent call(String key, APIGatewayProxyRequestEvent event) {
        APIGatewayCustomAuthorizerEvent request = Events.authorizer("authorizer-request");
        request.setHeaders(Map.of("Authorization", "Bearer " + key));
        AuthorizerResponse policy = authorizer.handleRequest(request, null);
        event.getRequestContext().setAuthorizer(new HashMap<>(policy.getContext()));
        return api.handleRequest(event, null);
    }

    private static APIGatewayProxyRequestEvent route(String fixture, String tenantId) {
        return Events.withPath(Events.proxy(fixture), "tenantId", tenantId);
    }

    private void record(String tenantId, int n, Instant at) {
        ImageRecord record = ImageRecord.analyzed(Analyses.happyAndSad(tenantId, String.format("%032x", n), at), null);
        catalogue.put(record);
        timeline.putAll(record.emotionRows());
        objects.keys.add(record.s3Key());
    }

    @Test
    void registry_whenTenantCreatedRotatedAndDeleted_keysWorkExactlyWhileTheyShould() throws Exception {
        String first = createTenant("acme-events");
        assertThat(call(first, route("tenant-list-images", "acme-events")).getStatusCode()).isEqualTo(200);

        APIGatewayProxyResponseEvent rotated = admin.handleRequest(
                Events.withPath(Events.proxy("admin-rotate-key"), "tenantId", "acme-events"), null);
        String second = body(rotated).path("apiKey").asText();

        assertThatThrownBy(() -> call(first, route("tenant-list-images", "acme-events")))
                .hasMessage("Unauthorized");
        assertThat(call(second, route("tenant-list-images", "acme-events")).getStatusCode()).isEqualTo(200);

        record("acme-events", 1, NOW.minusSeconds(60));
        assertThat(admin.handleRequest(Events.withPath(Events.proxy("admin-delete-tenant"), "tenantId", "acme-events"),
                null).getStatusCode()).isEqualTo(204);

        assertThatThrownBy(() -> call(second, route("tenant-list-images", "acme-events")))
                .hasMessage("Unauthorized");
        assertThat(directory.find("acme-events")).isEmpty();
        assertThat(catalogue.list("acme-events", null, 10, null).items()).isEmpty();
        for (Emotion emotion : Emotion.values()) {
            assertThat(timeline.query("acme-events", emotion, null, null, 10, null).items()).isEmpty();
        }
    }

    @Test
    void handlersFromEnvironment_whenPointedAtLocalTables_authorizeAndServeTheTenant() throws Exception {
        String key = createTenant("tenant-a");
        record("tenant-a", 7, NOW.minusSeconds(5));
        Map<String, String> env = new HashMap<>(stack.environment("emotion-analyser-it"));
        env.put("ADMIN_KEY_SHA256", ADMIN_SHA);
        env.put("ADMIN_USAGE_KEY", "emotion-analyser-it-admin-usage-key");
        AuthorizerHandler wiredAuthorizer = new AuthorizerHandler(env);
        TenantApiHandler wiredApi = new TenantApiHandler(env);

        APIGatewayCustomAuthorizerEvent request = Events.authorizer("authorizer-request");
        request.setHeaders(Map.of("authorization", "Bearer " + key));
        AuthorizerResponse policy = wiredAuthorizer.handleRequest(request, null);
        APIGatewayProxyRequestEvent event = route("tenant-list-images", "tenant-a");
        event.getRequestContext().setAuthorizer(new HashMap<>(policy.getContext()));
        APIGatewayProxyResponseEvent response = wiredApi.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("items").path(0).path("imageId").asText()).isEqualTo(String.format("%032x", 7));
        request.setHeaders(Map.of("authorization", "Bearer " + ADMIN_KEY));
        assertThat(wiredAuthorizer.handleRequest(request, null).getContext()).containsEntry("role", "admin");
    }

    @Test
    void listImages_whenPagedWithLimit_returnsEveryImageOnceNewestFirstAndTokensStayWithTheirTenant()
            throws Exception {
        String keyA = createTenant("tenant-a");
        String keyB = createTenant("tenant-b");
        // Seconds before now per image 1..5: time order differs from image id order.
        int[] age = {4, 2, 5, 3, 1};
        for (int n = 1; n <= 5; n++) {
            record("tenant-a", n, NOW.minusSeconds(age[n - 1]));
            record("tenant-b", 100 + n, NOW.minusSeconds(n));
        }

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(call(keyA, Events.withQuery(route("tenant-list-images", "tenant-a"), query)));
            page.path("items").forEach(item -> seen.add(item.path("imageId").asText()));
            token = page.path("nextToken").textValue();
        } while (token != null);
        assertThat(seen).containsExactly(String.format("%032x", 5), String.format("%032x", 2),
                String.format("%032x", 4), String.format("%032x", 1), String.format("%032x", 3));

        String tokenOfB = body(call(keyB, Events.withQuery(route("tenant-list-images", "tenant-b"),
                Map.of("limit", "2")))).path("nextToken").asText();
        APIGatewayProxyResponseEvent replayed = call(keyA, Events.withQuery(route("tenant-list-images", "tenant-a"),
                Map.of("limit", "2", "nextToken", tokenOfB)));
        assertThat(replayed.getStatusCode()).isEqualTo(400);
        assertThat(replayed.getBody()).doesNotContain(String.format("%032x", 101));
    }

    @Test
    void getEmotions_whenRowsOnRangeBoundaries_returnsHalfOpenRangeNewestFirstAcrossPages() throws Exception {
        String key = createTenant("tenant-a");
        Instant from = Instant.parse("2026-11-21T00:00:00Z");
        Instant to = Instant.parse("2026-11-21T06:00:00Z");
        record("tenant-a", 1, from.minusMillis(1));
        record("tenant-a", 2, from);
        record("tenant-a", 3, from.plusSeconds(3600));
        record("tenant-a", 4, to.minusMillis(1));
        record("tenant-a", 5, to);

        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("from", from.toString(), "to", to.toString(),
                    "limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(call(key, Events.withQuery(route("tenant-get-emotions", "tenant-a"), query)));
            page.path("items").forEach(item -> seen.add(item.path("imageId").asText()));
            token = page.path("nextToken").textValue();
        } while (token != null);

        assertThat(seen).containsExactly(String.format("%032x", 4), String.format("%032x", 3),
                String.format("%032x", 2));
    }

    @Test
    void deleteImage_whenRecorded_removesCatalogueRowAndEveryEmotionRowOfOnlyThatImage() throws Exception {
        String key = createTenant("tenant-a");
        record("tenant-a", 1, NOW.minusSeconds(10));
        record("tenant-a", 2, NOW.minusSeconds(20));
        String image = String.format("%032x", 1);

        APIGatewayProxyResponseEvent response = call(key,
                Events.withPath(route("tenant-delete-image", "tenant-a"), "image", image));

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(catalogue.find("tenant-a", image)).isEmpty();
        for (Emotion emotion : List.of(Emotion.HAPPY, Emotion.SAD)) {
            assertThat(timeline.query("tenant-a", emotion, null, null, 10, null).items())
                    .extracting(row -> row.imageId()).containsExactly(String.format("%032x", 2));
        }
        assertThat(call(key, Events.withPath(route("tenant-get-image", "tenant-a"), "image", image))
                .getStatusCode()).isEqualTo(404);
    }

    @Test
    void getStats_whenRowsInTables_countsFacesPerBucketFromTheEmotionTables() throws Exception {
        String key = createTenant("tenant-a");
        record("tenant-a", 1, Instant.parse("2026-11-21T10:01:00Z"));
        record("tenant-a", 2, Instant.parse("2026-11-21T10:07:00Z"));

        JsonNode stats = body(call(key, route("tenant-get-stats", "tenant-a")));

        JsonNode buckets = stats.path("buckets");
        assertThat(buckets).hasSize(3);
        long faces = 0;
        for (JsonNode bucket : buckets) {
            faces += bucket.path("faces").path("HAPPY").asLong() + bucket.path("faces").path("SAD").asLong();
        }
        assertThat(faces).isEqualTo(stats.path("totals").path("HAPPY").asLong()
                + stats.path("totals").path("SAD").asLong()).isPositive();
        assertThat(buckets.path(0).path("faces").size()).isPositive();
        assertThat(buckets.path(1).path("faces").size()).isPositive();
        assertThat(buckets.path(2).path("faces").size()).isZero();
    }
}
