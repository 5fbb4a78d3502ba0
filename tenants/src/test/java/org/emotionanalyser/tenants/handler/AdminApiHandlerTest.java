package org.emotionanalyser.tenants.handler;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import java.util.stream.Stream;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.Page;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.tenants.domain.StorageFailedException;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.tenants.domain.TenantOnboarding;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.emotionanalyser.tenants.port.TenantResources;
import org.emotionanalyser.tenants.port.TenantUsageKeys;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdminApiHandlerTest {

    static final List<String> ADMIN_ROUTES = List.of("admin-create-tenant", "admin-list-tenants", "admin-get-tenant",
            "admin-patch-tenant", "admin-delete-tenant", "admin-rotate-key");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    /** The usage-plan key name of the fixtures' tenant acme-events under the prefix emotion-analyser-dev. */
    private static final String USAGE_KEY_NAME = "emotion-analyser-dev-tenant_acme-events";

    private InMemoryStores.Tenants directory;
    private InMemoryPorts.Resources resources;
    private InMemoryPorts.UsageKeys usageKeys;
    private InMemoryPorts.Objects objects;
    private InMemoryStores.Images catalogue;
    private InMemoryStores.Timeline timeline;
    private AdminApiHandler handler;

    @BeforeEach
    void setUp() {
        directory = new InMemoryStores.Tenants();
        resources = new InMemoryPorts.Resources();
        usageKeys = new InMemoryPorts.UsageKeys();
        objects = new InMemoryPorts.Objects();
        catalogue = new InMemoryStores.Images();
        timeline = new InMemoryStores.Timeline();
        handler = new AdminApiHandler(new TenantOnboarding(directory, resources, usageKeys, objects, catalogue, timeline,
                new ApiKeys(), Clock.fixed(NOW, ZoneOffset.UTC), "emotion-analyser-dev", 50, 30));
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private APIGatewayProxyResponseEvent create() {
        return handler.handleRequest(Events.proxy("admin-create-tenant"), null);
    }

    private static String secretOf(String key) {
        return ApiKeys.parse(key).orElseThrow().secret();
    }

    static Stream<String> adminRoutes() {
        return ADMIN_ROUTES.stream();
    }

    @ParameterizedTest
    @MethodSource("adminRoutes")
    void handleRequest_whenTenantKeyOnAdminRoute_returns403WithoutTouchingAnyStore(String route) throws Exception {
        AdminApiHandler untouched = new AdminApiHandler(new TenantOnboarding(Untouchable.of(TenantDirectory.class),
                Untouchable.of(TenantResources.class), Untouchable.of(TenantUsageKeys.class),
                Untouchable.of(TenantObjects.class),
                Untouchable.of(ImageCatalogue.class), Untouchable.of(EmotionTimeline.class), new ApiKeys(),
                Clock.systemUTC(), "p", 50, 30));

        APIGatewayProxyResponseEvent response = untouched.handleRequest(
                Events.asTenant(Events.proxy(route), "acme-events"), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("AccessDenied");
    }

    @ParameterizedTest
    @MethodSource("adminRoutes")
    void handleRequest_whenNoAuthorizerContext_returns401(String route) {
        APIGatewayProxyRequestEvent event = Events.proxy(route);
        event.getRequestContext().setAuthorizer(null);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    void createTenant_whenNew_returns201WithKeyOnceAndProvisionsEverything() throws Exception {
        APIGatewayProxyResponseEvent response = create();

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode tenant = body(response);
        assertThat(tenant.path("apiKey").asText()).startsWith("acme-events.");
        assertThat(tenant.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(tenant.path("name").asText()).isEqualTo("ACME Events, Berlin");
        assertThat(tenant.path("retentionDays").asInt()).isEqualTo(14);
        assertThat(tenant.path("topicArn").asText()).endsWith(":emotion-analyser-dev-tenant_acme-events");
        assertThat(response.getBody()).doesNotContain("keyHash").doesNotContain("keySalt");
        assertThat(resources.calls).containsExactly("provision acme-events");
        assertThat(objects.retention).containsEntry("acme-events", 14);
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(ApiKeys.matches(secretOf(tenant.path("apiKey").asText()), stored.keySalt(), stored.keyHash()))
                .isTrue();

        JsonNode fetched = body(handler.handleRequest(Events.proxy("admin-get-tenant"), null));
        assertThat(fetched.has("apiKey")).isFalse();
        assertThat(fetched.path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void createTenant_whenNew_storesItsOwnUsagePlanKeyAndNeverShowsItsValue() throws Exception {
        APIGatewayProxyResponseEvent response = create();

        assertThat(usageKeys.byName).containsOnlyKeys(USAGE_KEY_NAME);
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(stored.usageKeyId()).isEqualTo(usageKeys.byName.get(USAGE_KEY_NAME).id());
        assertThat(stored.usageKeyValue()).isEqualTo(usageKeys.byName.get(USAGE_KEY_NAME).value());
        assertThat(response.getBody()).doesNotContain(stored.usageKeyValue());
        assertThat(handler.handleRequest(Events.proxy("admin-get-tenant"), null).getBody())
                .doesNotContain(stored.usageKeyValue());
        assertThat(stored.toString()).doesNotContain(stored.usageKeyValue());
    }

    @Test
    void createTenant_whenUsageKeyRefused_returns503AndRollsBackEveryResource() throws Exception {
        usageKeys.failEnsure = new ProvisioningFailedException("API Gateway refused; repeat the same request", null);

        APIGatewayProxyResponseEvent response = create();

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(resources.calls).containsExactly("provision acme-events", "teardown acme-events");
        assertThat(usageKeys.calls).containsExactly("ensure " + USAGE_KEY_NAME, "remove " + USAGE_KEY_NAME);
        assertThat(directory.tenants).isEmpty();
    }

    @Test
    void createTenant_whenRepeatedForATenantCreatedBeforeUsagePlans_givesItAUsageKeyAndKeepsItsApiKey()
            throws Exception {
        String key = body(create()).path("apiKey").asText();
        directory.save(withoutUsageKey(directory.find("acme-events").orElseThrow()));
        usageKeys.byName.clear();

        APIGatewayProxyResponseEvent retry = create();

        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(body(retry).has("apiKey")).isFalse();
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(stored.hasUsageKey()).isTrue();
        assertThat(stored.usageKeyValue()).isEqualTo(usageKeys.byName.get(USAGE_KEY_NAME).value());
        assertThat(ApiKeys.matches(secretOf(key), stored.keySalt(), stored.keyHash())).isTrue();
    }

    @Test
    void rotateKey_whenTheTenantWasCreatedBeforeUsagePlans_alsoGivesItAUsageKey() throws Exception {
        create();
        directory.save(withoutUsageKey(directory.find("acme-events").orElseThrow()));
        usageKeys.byName.clear();

        assertThat(handler.handleRequest(Events.proxy("admin-rotate-key"), null).getStatusCode()).isEqualTo(200);

        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(stored.usageKeyValue()).isEqualTo(usageKeys.byName.get(USAGE_KEY_NAME).value());
    }

    /** The tenant as a record written before per-tenant throttling holds it: no usage-plan key. */
    static Tenant withoutUsageKey(Tenant tenant) {
        return new Tenant(tenant.tenantId(), tenant.name(), tenant.keyHash(), tenant.keySalt(),
                tenant.emotionThreshold(), tenant.retentionDays(), tenant.status(), tenant.topicArn(),
                tenant.queueUrl(), tenant.queueArn(), tenant.dlqUrl(), tenant.dlqArn(), tenant.ruleName(),
                tenant.eventSourceMappingId(), tenant.createdAt(), null, null);
    }

    @Test
    void createTenant_whenRetriedWithSameBody_returns200WithoutNewKeyAndOldKeyStillWorks() throws Exception {
        String key = body(create()).path("apiKey").asText();

        APIGatewayProxyResponseEvent retry = create();

        assertThat(retry.getStatusCode()).isEqualTo(200);
        assertThat(body(retry).has("apiKey")).isFalse();
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(ApiKeys.matches(secretOf(key), stored.keySalt(), stored.keyHash())).isTrue();
    }

    @Test
    void createTenant_whenIdTakenWithOtherSettings_returns409() throws Exception {
        create();
        APIGatewayProxyRequestEvent other = Events.proxy("admin-create-tenant");
        other.setBody("{\"tenantId\":\"acme-events\",\"name\":\"Someone else\"}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(other, null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(directory.find("acme-events").orElseThrow().name()).isEqualTo("ACME Events, Berlin");
    }

    @Test
    void createTenant_whenBodyInvalid_returns400AndCreatesNothing() {
        for (String bad : List.of("{\"tenantId\":\"../x\",\"name\":\"n\"}", "{\"tenantId\":\"acme\"}",
                "{\"tenantId\":\"acme\",\"name\":\"n\",\"emotionThreshold\":101}",
                "{\"tenantId\":\"acme\",\"name\":\"n\",\"retentionDays\":-1}",
                "{\"tenantId\":\"acme\",\"name\":\"n\",\"retentionDays\":\"soon\"}", "not json", "[]")) {
            APIGatewayProxyRequestEvent event = Events.proxy("admin-create-tenant");
            event.setBody(bad);

            assertThat(handler.handleRequest(event, null).getStatusCode()).as(bad).isEqualTo(400);
        }
        assertThat(directory.tenants).isEmpty();
        assertThat(resources.calls).isEmpty();
    }

    @Test
    void createTenant_whenIdTooLongForPrefix_returns400BeforeProvisioning() {
        APIGatewayProxyRequestEvent event = Events.proxy("admin-create-tenant");
        event.setBody("{\"tenantId\":\"" + "a".repeat(40) + "\",\"name\":\"n\"}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).contains("at most 36 characters");
        assertThat(resources.calls).isEmpty();
    }

    @Test
    void createTenant_whenProvisioningFails_returns503AndRollsBack() throws Exception {
        resources.failProvision = new ProvisioningFailedException("queue refused; repeat the same request", null);

        APIGatewayProxyResponseEvent response = create();

        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("ProvisioningFailed");
        assertThat(resources.calls).containsExactly("provision acme-events", "teardown acme-events");
        assertThat(directory.tenants).isEmpty();
        assertThat(objects.retention).isEmpty();
    }

    @Test
    void createTenant_whenRollbackAlsoFails_leavesFailedAndRetryFinishesWithNewKey() throws Exception {
        resources.failProvision = new ProvisioningFailedException("queue refused", null);
        resources.failTeardown = new ProvisioningFailedException("still down", null);
        assertThat(create().getStatusCode()).isEqualTo(503);
        assertThat(directory.find("acme-events").orElseThrow().status()).isEqualTo(TenantStatus.FAILED);

        resources.failProvision = null;
        resources.failTeardown = null;
        APIGatewayProxyResponseEvent retry = create();

        assertThat(retry.getStatusCode()).isEqualTo(201);
        String key = body(retry).path("apiKey").asText();
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(stored.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(ApiKeys.matches(secretOf(key), stored.keySalt(), stored.keyHash())).isTrue();
    }

    @Test
    void rotateKey_whenActive_returnsNewKeyAndOldOneNoLongerMatches() throws Exception {
        String oldKey = body(create()).path("apiKey").asText();

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-rotate-key"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        String newKey = body(response).path("apiKey").asText();
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(ApiKeys.matches(secretOf(newKey), stored.keySalt(), stored.keyHash())).isTrue();
        assertThat(ApiKeys.matches(secretOf(oldKey), stored.keySalt(), stored.keyHash())).isFalse();
    }

    @Test
    void rotateKey_whenDeleteRemovesTenantBetweenReadAndWrite_returns409AndDoesNotResurrectIt() throws Exception {
        create();
        AdminApiHandler racing = new AdminApiHandler(new TenantOnboarding(deletedRightAfterRead(directory), resources,
                usageKeys, objects, catalogue, timeline, new ApiKeys(), Clock.fixed(NOW, ZoneOffset.UTC),
                "emotion-analyser-dev", 50, 30));

        APIGatewayProxyResponseEvent response = racing.handleRequest(Events.proxy("admin-rotate-key"), null);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(body(response).path("apiKey").isMissingNode()).isTrue();
        assertThat(directory.find("acme-events")).isEmpty();
    }

    @Test
    void rotateKey_whenDeleteStartsBetweenReadAndWrite_returns409AndTenantStaysDeleting() throws Exception {
        create();
        TenantDirectory markedDeleting = new ForwardingDirectory(directory) {
            @Override
            public Optional<Tenant> find(String tenantId) {
                Optional<Tenant> found = super.find(tenantId);
                found.ifPresent(t -> directory.save(t.withStatus(TenantStatus.DELETING)));
                return found;
            }
        };
        AdminApiHandler racing = new AdminApiHandler(new TenantOnboarding(markedDeleting, resources, usageKeys, objects,
                catalogue, timeline, new ApiKeys(), Clock.fixed(NOW, ZoneOffset.UTC), "emotion-analyser-dev", 50, 30));

        assertThat(racing.handleRequest(Events.proxy("admin-rotate-key"), null).getStatusCode()).isEqualTo(409);
        assertThat(directory.find("acme-events").orElseThrow().status()).isEqualTo(TenantStatus.DELETING);
    }

    /** A directory whose reads are followed at once by a concurrent delete of the tenant read. */
    private static TenantDirectory deletedRightAfterRead(InMemoryStores.Tenants stored) {
        return new ForwardingDirectory(stored) {
            @Override
            public Optional<Tenant> find(String tenantId) {
                Optional<Tenant> found = super.find(tenantId);
                stored.delete(tenantId);
                return found;
            }
        };
    }

    /** Passes every call to a stored directory; tests override a method to interleave another request. */
    private static class ForwardingDirectory implements TenantDirectory {
        private final TenantDirectory target;

        ForwardingDirectory(TenantDirectory target) {
            this.target = target;
        }

        @Override
        public Optional<Tenant> find(String tenantId) {
            return target.find(tenantId);
        }

        @Override
        public void save(Tenant tenant) {
            target.save(tenant);
        }

        @Override
        public boolean saveIfAbsent(Tenant tenant) {
            return target.saveIfAbsent(tenant);
        }

        @Override
        public boolean replaceIfUnchanged(Tenant current, Tenant replacement) {
            return target.replaceIfUnchanged(current, replacement);
        }

        @Override
        public Page<Tenant> list(int limit, String pageToken) {
            return target.list(limit, pageToken);
        }

        @Override
        public void delete(String tenantId) {
            target.delete(tenantId);
        }
    }

    @Test
    void rotateKey_whenTenantUnknown_returns404() {
        assertThat(handler.handleRequest(Events.proxy("admin-rotate-key"), null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void deleteTenant_whenActive_tearsDownResourcesAndDeletesEveryImageRowAndObject() throws Exception {
        create();
        InMemoryStores.Images other = catalogue;
        String image = "3f2a9c0e7b1d4e5f8a6b2c9d0e1f2a3b";
        var record = TenantApiHandlerTest.analyzed("acme-events", image, NOW, Map.of(Emotion.HAPPY, 2));
        other.put(record);
        timeline.putAll(record.emotionRows());
        var orphanRow = TenantApiHandlerTest.analyzed("acme-events", "0".repeat(32), NOW, Map.of(Emotion.SAD, 1));
        timeline.putAll(orphanRow.emotionRows());
        var kept = TenantApiHandlerTest.analyzed("tenant-b", image, NOW, Map.of(Emotion.HAPPY, 1));
        other.put(kept);
        timeline.putAll(kept.emotionRows());
        objects.keys.addAll(List.of("uploads/acme-events/" + image + ".jpg", "exports/acme-events/2026-11-20.csv",
                "uploads/tenant-b/" + image + ".jpg"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-delete-tenant"), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(resources.calls).containsExactly("provision acme-events", "teardown acme-events");
        assertThat(directory.find("acme-events")).isEmpty();
        assertThat(catalogue.find("acme-events", image)).isEmpty();
        assertThat(catalogue.find("tenant-b", image)).isPresent();
        assertThat(timeline.rows).extracting(row -> row.tenantId()).containsOnly("tenant-b");
        assertThat(objects.keys).containsExactly("uploads/tenant-b/" + image + ".jpg");
        assertThat(objects.retention).doesNotContainKey("acme-events");
        assertThat(usageKeys.byName).doesNotContainKey(USAGE_KEY_NAME);
        assertThat(handler.handleRequest(Events.proxy("admin-get-tenant"), null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void deleteTenant_whenTeardownFails_staysDeletingAndRepeatFinishes() throws Exception {
        create();
        resources.failTeardown = new ProvisioningFailedException("rule busy", null);

        assertThat(handler.handleRequest(Events.proxy("admin-delete-tenant"), null).getStatusCode()).isEqualTo(503);
        assertThat(directory.find("acme-events").orElseThrow().status()).isEqualTo(TenantStatus.DELETING);
        assertThat(create().getStatusCode()).isEqualTo(409);

        resources.failTeardown = null;
        assertThat(handler.handleRequest(Events.proxy("admin-delete-tenant"), null).getStatusCode()).isEqualTo(204);
        assertThat(directory.tenants).isEmpty();
    }

    @Test
    void patchTenant_whenActive_returns200TenantViewAndReappliesUploadRetention() throws Exception {
        create();

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-patch-tenant"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode tenant = body(response);
        assertThat(tenant.path("emotionThreshold").asDouble()).isEqualTo(72.5);
        assertThat(tenant.path("retentionDays").asInt()).isEqualTo(90);
        assertThat(tenant.path("name").asText()).isEqualTo("ACME Events, Berlin");
        assertThat(tenant.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(response.getBody()).doesNotContain("keyHash").doesNotContain("keySalt").doesNotContain("apiKey");
        assertThat(objects.retention).containsEntry("acme-events", 90);
        JsonNode fetched = body(handler.handleRequest(Events.proxy("admin-get-tenant"), null));
        assertThat(fetched).isEqualTo(tenant);
    }

    @Test
    void patchTenant_whenOnlyNameGiven_keepsSettingsAndKey() throws Exception {
        String key = body(create()).path("apiKey").asText();
        APIGatewayProxyRequestEvent event = Events.proxy("admin-patch-tenant");
        event.setBody("{\"name\":\"  ACME Events, Hamburg \"}");

        JsonNode tenant = body(handler.handleRequest(event, null));

        assertThat(tenant.path("name").asText()).isEqualTo("ACME Events, Hamburg");
        assertThat(tenant.path("emotionThreshold").asDouble()).isEqualTo(60);
        assertThat(tenant.path("retentionDays").asInt()).isEqualTo(14);
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(ApiKeys.matches(secretOf(key), stored.keySalt(), stored.keyHash())).isTrue();
        assertThat(stored.topicArn()).endsWith(":emotion-analyser-dev-tenant_acme-events");
    }

    @Test
    void patchTenant_whenRetentionSetToZero_removesTheUploadRule() throws Exception {
        create();
        APIGatewayProxyRequestEvent event = Events.proxy("admin-patch-tenant");
        event.setBody("{\"retentionDays\":0}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(body(response).path("retentionDays").asInt()).isZero();
        assertThat(objects.retention).doesNotContainKey("acme-events");
    }

    @Test
    void patchTenant_whenBodyInvalid_returns400AndChangesNothing() throws Exception {
        create();
        Tenant before = directory.find("acme-events").orElseThrow();
        for (String bad : java.util.Arrays.asList("{}", "{\"emotionThreshold\":100.5}",
                "{\"emotionThreshold\":-1}", "{\"retentionDays\":-1}", "{\"retentionDays\":3651}",
                "{\"retentionDays\":\"soon\"}", "{\"name\":\" \"}", "{\"name\":\"" + "n".repeat(201) + "\"}",
                "not json", "[]", null)) {
            APIGatewayProxyRequestEvent event = Events.proxy("admin-patch-tenant");
            event.setBody(bad);

            APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(body(response).path("error").path("code").asText()).as(bad).isEqualTo("InvalidRequest");
        }
        assertThat(directory.find("acme-events").orElseThrow()).isEqualTo(before);
        assertThat(objects.retention).containsEntry("acme-events", 14);
    }

    @Test
    void patchTenant_whenTenantUnknown_returns404() throws Exception {
        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-patch-tenant"), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("TenantNotFound");
        assertThat(objects.retention).isEmpty();
    }

    @Test
    void patchTenant_whenTenantIdMalformed_returns400() {
        APIGatewayProxyRequestEvent event = Events.withPath(Events.proxy("admin-patch-tenant"), "tenantId", "../x");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void patchTenant_whenTenantNotActive_returns409AndChangesNothing() throws Exception {
        for (TenantStatus status : List.of(TenantStatus.PROVISIONING, TenantStatus.FAILED, TenantStatus.DELETING)) {
            Tenant tenant = Tenant.newTenant("acme-events", "ACME", 50, 14, NOW).withStatus(status);
            directory.save(tenant);

            APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-patch-tenant"), null);

            assertThat(response.getStatusCode()).as(status.name()).isEqualTo(409);
            assertThat(body(response).path("error").path("message").asText()).contains(status.name());
            assertThat(directory.find("acme-events").orElseThrow()).isEqualTo(tenant);
        }
        assertThat(objects.retention).isEmpty();
    }

    @Test
    void patchTenant_whenLifecycleRuleCannotBeWritten_returns503AndKeepsOldSettings() throws Exception {
        create();
        objects.failRetention = new StorageFailedException("updating the bucket's upload retention rule failed", null);

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("admin-patch-tenant"), null);

        assertThat(response.getStatusCode()).isEqualTo(503);
        Tenant stored = directory.find("acme-events").orElseThrow();
        assertThat(stored.retentionDays()).isEqualTo(14);
        assertThat(stored.emotionThreshold()).isEqualTo(60);
    }

    @Test
    void listTenants_whenMoreThanOnePage_followsTokens() throws Exception {
        for (String id : List.of("t-001", "t-002", "t-003")) {
            directory.save(Tenant.newTenant(id, id, 50, 30, NOW).withStatus(TenantStatus.ACTIVE));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(handler.handleRequest(Events.withQuery(Events.proxy("admin-list-tenants"), query),
                    null));
            page.path("items").forEach(item -> seen.add(item.path("tenantId").asText()));
            assertThat(page.has("items")).as("page answered with items: %s", page).isTrue();
            token = page.path("nextToken").textValue();
        } while (token != null);

        assertThat(seen).containsExactly("t-001", "t-002", "t-003");
    }
}
