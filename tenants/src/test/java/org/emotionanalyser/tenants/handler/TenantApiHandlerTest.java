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
import java.util.stream.Stream;
import org.emotionanalyser.lambdasupport.api.CorsOrigin;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.EmotionRow;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.ImageRecord;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.domain.TenantSubscriptions;
import org.emotionanalyser.tenants.port.EmotionTimeline;
import org.emotionanalyser.tenants.port.ExportNotifier;
import org.emotionanalyser.tenants.port.ExportStore;
import org.emotionanalyser.tenants.port.ImageCatalogue;
import org.emotionanalyser.tenants.port.ImageLinks;
import org.emotionanalyser.tenants.port.Subscriptions;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.emotionanalyser.tenants.port.TenantObjects;
import org.emotionanalyser.tenants.testing.InMemoryStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantApiHandlerTest {

    static final String IMAGE = "3f2a9c0e7b1d4e5f8a6b2c9d0e1f2a3b";
    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    static final List<String> TENANT_ROUTES = List.of("tenant-list-images", "tenant-get-image", "tenant-delete-image",
            "tenant-get-emotions", "tenant-get-stats", "tenant-create-subscription", "tenant-list-subscriptions",
            "tenant-delete-subscription", "tenant-run-export", "tenant-list-exports");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private InMemoryStores.Tenants directory;
    private InMemoryStores.Images catalogue;
    private InMemoryStores.Timeline timeline;
    private InMemoryPorts.Objects objects;
    private InMemoryPorts.SubscriptionsOnTopics subscriptions;
    private InMemoryPorts.Exports exportStore;
    private InMemoryPorts.Notices notices;
    private TenantApiHandler handler;

    @BeforeEach
    void setUp() {
        directory = new InMemoryStores.Tenants();
        catalogue = new InMemoryStores.Images();
        timeline = new InMemoryStores.Timeline();
        objects = new InMemoryPorts.Objects();
        subscriptions = new InMemoryPorts.SubscriptionsOnTopics();
        exportStore = new InMemoryPorts.Exports();
        notices = new InMemoryPorts.Notices();
        directory.save(activeTenant("tenant-a"));
        directory.save(activeTenant("tenant-b"));
        handler = handler(directory, catalogue, timeline, objects, new InMemoryPorts.Links(), subscriptions,
                exportStore, notices);
    }

    private TenantApiHandler handler(TenantDirectory directory, ImageCatalogue catalogue, EmotionTimeline timeline,
                                     TenantObjects objects, ImageLinks links, Subscriptions subscriptions,
                                     ExportStore exportStore, ExportNotifier notifier) {
        return new TenantApiHandler(new ImageQueries(catalogue, timeline, objects, links, clock),
                new TenantSubscriptions(directory, subscriptions),
                new CsvExport(timeline, exportStore, links, notifier, directory, clock));
    }

    private TenantApiHandler untouchableHandler() {
        return handler(Untouchable.of(TenantDirectory.class), Untouchable.of(ImageCatalogue.class),
                Untouchable.of(EmotionTimeline.class), Untouchable.of(TenantObjects.class),
                Untouchable.of(ImageLinks.class), Untouchable.of(Subscriptions.class),
                Untouchable.of(ExportStore.class), Untouchable.of(ExportNotifier.class));
    }

    static Tenant activeTenant(String id) {
        return Tenant.newTenant(id, "Tenant " + id, 50, 30, Instant.parse("2026-11-01T00:00:00Z"))
                .withResources("arn:aws:sns:eu-west-1:123456789012:p-tenant-" + id, null, null, null, null, null,
                        null)
                .withStatus(TenantStatus.ACTIVE);
    }

    static ImageRecord analyzed(String tenantId, String imageId, Instant at, Map<Emotion, Integer> counts) {
        int faces = counts.values().stream().mapToInt(Integer::intValue).sum();
        return new ImageRecord(tenantId, imageId, ImageStatus.ANALYZED, "uploads/" + tenantId + "/" + imageId + ".jpg",
                at, faces, counts, counts.keySet().iterator().next(), List.of("Zoë, \"the\" Star"), null, null, null,
                null);
    }

    private void store(ImageRecord record) {
        catalogue.put(record);
        timeline.putAll(record.emotionRows());
        objects.keys.add(record.s3Key());
    }

    private static JsonNode body(APIGatewayProxyResponseEvent response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    static Stream<String> tenantRoutes() {
        return TENANT_ROUTES.stream();
    }

    @ParameterizedTest
    @MethodSource("tenantRoutes")
    void handleRequest_whenTenantAKeyOnTenantBRoute_returns403WithoutTouchingAnyStore(String route) throws Exception {
        APIGatewayProxyRequestEvent event = Events.withPath(Events.proxy(route), "tenantId", "tenant-b");

        APIGatewayProxyResponseEvent response = untouchableHandler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("AccessDenied");
        assertThat(response.getBody()).doesNotContain("tenant-b").doesNotContain(IMAGE);
    }

    @Test
    void handleRequest_whenThePageOriginIsConfigured_letsOnlyThatOriginReadAnswersAndErrors() {
        CorsOrigin page = CorsOrigin.fromEnvironment(Map.of("ALLOWED_ORIGIN", "https://d111111abcdef8.cloudfront.net"));
        TenantApiHandler withPage = new TenantApiHandler(new ImageQueries(catalogue, timeline, objects,
                new InMemoryPorts.Links(), clock), new TenantSubscriptions(directory, subscriptions),
                new CsvExport(timeline, exportStore, new InMemoryPorts.Links(), notices, directory, clock), page);

        APIGatewayProxyResponseEvent listed = withPage.handleRequest(Events.proxy("tenant-list-subscriptions"), null);
        APIGatewayProxyResponseEvent denied = withPage.handleRequest(
                Events.withPath(Events.proxy("tenant-list-subscriptions"), "tenantId", "tenant-b"), null);

        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(denied.getStatusCode()).isEqualTo(403);
        for (APIGatewayProxyResponseEvent response : List.of(listed, denied)) {
            assertThat(response.getHeaders())
                    .containsEntry("Access-Control-Allow-Origin", "https://d111111abcdef8.cloudfront.net");
        }
        assertThat(handler.handleRequest(Events.proxy("tenant-list-subscriptions"), null).getHeaders())
                .as("without ALLOWED_ORIGIN").doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void handleRequest_whenTenantAAsksForExistingAndMissingImageOfB_answersIdentically() {
        store(analyzed("tenant-b", IMAGE, NOW.minusSeconds(60), Map.of(Emotion.HAPPY, 1)));
        APIGatewayProxyRequestEvent existing = Events.withPath(Events.proxy("tenant-get-image"), "tenantId", "tenant-b");
        APIGatewayProxyRequestEvent missing = Events.withPath(
                Events.withPath(Events.proxy("tenant-get-image"), "tenantId", "tenant-b"),
                "image", "00000000000000000000000000000000");

        APIGatewayProxyResponseEvent first = handler.handleRequest(existing, null);
        APIGatewayProxyResponseEvent second = handler.handleRequest(missing, null);

        assertThat(first.getStatusCode()).isEqualTo(403);
        assertThat(first.getBody()).isEqualTo(second.getBody());
    }

    @ParameterizedTest
    @MethodSource("tenantRoutes")
    void handleRequest_whenNoAuthorizerContext_returns401(String route) {
        APIGatewayProxyRequestEvent event = Events.proxy(route);
        event.getRequestContext().setAuthorizer(null);

        assertThat(untouchableHandler().handleRequest(event, null).getStatusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("tenantRoutes")
    void handleRequest_whenAdminKeyOnTenantRoute_returns403(String route) {
        APIGatewayProxyRequestEvent event = Events.proxy(route);
        event.getRequestContext().setAuthorizer(Map.of("role", "admin", "principalId", "admin"));

        assertThat(untouchableHandler().handleRequest(event, null).getStatusCode()).isEqualTo(403);
    }

    static Stream<Arguments> malformedTenantIds() {
        List<Arguments> cases = new ArrayList<>();
        for (String id : List.of("../x", "A", "tenänt-a", "ab", "a".repeat(41), "tenant_a", "tenant-a/..")) {
            for (String route : TENANT_ROUTES) {
                cases.add(Arguments.of(route, id));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("malformedTenantIds")
    void handleRequest_whenPathTenantMalformed_returns400BeforeAnyStore(String route, String tenantId)
            throws Exception {
        APIGatewayProxyRequestEvent event = Events.withPath(Events.proxy(route), "tenantId", tenantId);

        APIGatewayProxyResponseEvent response = untouchableHandler().handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).doesNotContain(tenantId);
    }

    static Stream<Arguments> malformedParameters() {
        return Stream.of(
                Arguments.of("tenant-get-image", "image", "../../etc"),
                Arguments.of("tenant-get-image", "image", "3F2A9C0E7B1D4E5F8A6B2C9D0E1F2A3B"),
                Arguments.of("tenant-delete-image", "image", "abc"),
                Arguments.of("tenant-get-emotions", "emotion", "JOYFUL"),
                Arguments.of("tenant-delete-subscription", "subscriptionId", "arn:aws:sns:x"));
    }

    @ParameterizedTest
    @MethodSource("malformedParameters")
    void handleRequest_whenPathParameterMalformed_returns400BeforeAnyStore(String route, String name, String value) {
        APIGatewayProxyRequestEvent event = Events.withPath(Events.proxy(route), name, value);

        assertThat(untouchableHandler().handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("tenant-list-images", Map.of("limit", "0")),
                Arguments.of("tenant-list-images", Map.of("limit", "1001")),
                Arguments.of("tenant-list-images", Map.of("limit", "ten")),
                Arguments.of("tenant-list-images", Map.of("status", "DONE")),
                Arguments.of("tenant-get-emotions", Map.of("from", "yesterday")),
                Arguments.of("tenant-get-emotions", Map.of("from", "2026-11-21T10:00:00Z", "to", "2026-11-21T10:00:00Z")),
                Arguments.of("tenant-get-stats", Map.of("bucket", "2m")),
                Arguments.of("tenant-get-stats", Map.of("from", "2026-01-01T00:00:00Z", "bucket", "1m")));
    }

    @ParameterizedTest
    @MethodSource("malformedQueries")
    void handleRequest_whenQueryMalformed_returns400BeforeAnyStore(String route, Map<String, String> query) {
        APIGatewayProxyRequestEvent event = Events.withQuery(Events.proxy(route), query);

        assertThat(untouchableHandler().handleRequest(event, null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void listImages_whenMorePagesThanLimit_followsTokensThroughEveryImageOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = String.format("%032x", i + 1);
            ids.add(id);
            store(analyzed("tenant-a", id, NOW.minusSeconds(100 + i), Map.of(Emotion.CALM, 1)));
        }
        store(analyzed("tenant-b", String.format("%032x", 99), NOW, Map.of(Emotion.CALM, 1)));

        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("status", "ANALYZED", "limit", "2"));
            if (token != null) {
                query.put("nextToken", token);
            }
            JsonNode page = body(handler.handleRequest(Events.withQuery(Events.proxy("tenant-list-images"), query),
                    null));
            page.path("items").forEach(item -> seen.add(item.path("imageId").asText()));
            assertThat(page.has("items")).as("page answered with items: %s", page).isTrue();
            token = page.path("nextToken").textValue();
            pages++;
        } while (token != null);

        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void listImages_whenTokenIssuedForAnotherTenant_returns400() throws Exception {
        for (int i = 0; i < 3; i++) {
            store(analyzed("tenant-b", String.format("%032x", i + 1), NOW, Map.of(Emotion.CALM, 1)));
        }
        String tokenOfB = InMemoryStores.token("images:ANALYZED", "tenant-b", 2);

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.withQuery(
                Events.proxy("tenant-list-images"), Map.of("status", "ANALYZED", "nextToken", tokenOfB)), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("InvalidPageToken");
    }

    @Test
    void getImage_whenRecorded_returnsAnalysisAndViewLink() throws Exception {
        store(analyzed("tenant-a", IMAGE, NOW.minusSeconds(5), Map.of(Emotion.HAPPY, 2)));

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("tenant-get-image"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode image = body(response);
        assertThat(image.path("imageId").asText()).isEqualTo(IMAGE);
        assertThat(image.path("emotionCounts").path("HAPPY").asInt()).isEqualTo(2);
        assertThat(image.path("viewUrl").asText()).contains("uploads/tenant-a/" + IMAGE + ".jpg");
    }

    @Test
    void getImage_whenOnlyUploaded_returns202Pending() throws Exception {
        objects.keys.add("uploads/tenant-a/" + IMAGE + ".png");

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("tenant-get-image"), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(body(response).path("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void getImage_whenNeitherRecordedNorUploaded_returns404() throws Exception {
        objects.keys.add("uploads/tenant-b/" + IMAGE + ".png");

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("tenant-get-image"), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(body(response).path("error").path("code").asText()).isEqualTo("ImageNotFound");
    }

    @Test
    void deleteImage_whenRecorded_removesObjectRecordAndEveryEmotionRow() {
        store(analyzed("tenant-a", IMAGE, NOW.minusSeconds(5), Map.of(Emotion.HAPPY, 2, Emotion.SAD, 1)));
        store(analyzed("tenant-b", IMAGE, NOW.minusSeconds(5), Map.of(Emotion.HAPPY, 1)));

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("tenant-delete-image"), null);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(catalogue.find("tenant-a", IMAGE)).isEmpty();
        assertThat(timeline.rows).extracting(EmotionRow::tenantId).containsOnly("tenant-b");
        assertThat(objects.keys).containsExactly("uploads/tenant-b/" + IMAGE + ".jpg");
        assertThat(handler.handleRequest(Events.proxy("tenant-get-image"), null).getStatusCode()).isEqualTo(404);
        assertThat(handler.handleRequest(Events.proxy("tenant-delete-image"), null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void getEmotions_whenRowsOnRangeBoundaries_includesFromExcludesToNewestFirst() throws Exception {
        Instant from = Instant.parse("2026-11-21T00:00:00Z");
        Instant to = Instant.parse("2026-11-21T12:00:00Z");
        store(analyzed("tenant-a", String.format("%032x", 1), from.minusMillis(1), Map.of(Emotion.HAPPY, 1)));
        store(analyzed("tenant-a", String.format("%032x", 2), from, Map.of(Emotion.HAPPY, 1)));
        store(analyzed("tenant-a", String.format("%032x", 3), to.minusMillis(1), Map.of(Emotion.HAPPY, 1)));
        store(analyzed("tenant-a", String.format("%032x", 4), to, Map.of(Emotion.HAPPY, 1)));

        JsonNode page = body(handler.handleRequest(Events.withQuery(Events.proxy("tenant-get-emotions"),
                Map.of("from", from.toString(), "to", to.toString())), null));

        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("imageId").asText()));
        assertThat(ids).containsExactly(String.format("%032x", 3), String.format("%032x", 2));
    }

    @Test
    void getEmotions_whenNoRange_returnsLast24Hours() throws Exception {
        store(analyzed("tenant-a", String.format("%032x", 1), NOW.minusSeconds(24 * 3600 + 1), Map.of(Emotion.SAD, 1)));
        store(analyzed("tenant-a", String.format("%032x", 2), NOW.minusSeconds(24 * 3600), Map.of(Emotion.SAD, 1)));
        APIGatewayProxyRequestEvent event = Events.withQuery(
                Events.withPath(Events.proxy("tenant-get-emotions"), "emotion", "sad"), null);

        JsonNode page = body(handler.handleRequest(event, null));

        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").path(0).path("imageId").asText()).isEqualTo(String.format("%032x", 2));
    }

    @Test
    void getStats_whenRowsInBuckets_sumsFacesPerEmotionPerBucketIncludingEmptyOnes() throws Exception {
        store(analyzed("tenant-a", String.format("%032x", 1), Instant.parse("2026-11-21T10:01:00Z"),
                Map.of(Emotion.HAPPY, 3, Emotion.SAD, 1)));
        store(analyzed("tenant-a", String.format("%032x", 2), Instant.parse("2026-11-21T10:04:59.999Z"),
                Map.of(Emotion.HAPPY, 2)));
        store(analyzed("tenant-a", String.format("%032x", 3), Instant.parse("2026-11-21T10:10:00Z"),
                Map.of(Emotion.FEAR, 4)));
        store(analyzed("tenant-a", String.format("%032x", 4), Instant.parse("2026-11-21T10:15:00Z"),
                Map.of(Emotion.FEAR, 9)));

        JsonNode stats = body(handler.handleRequest(Events.proxy("tenant-get-stats"), null));

        JsonNode buckets = stats.path("buckets");
        assertThat(buckets).hasSize(3);
        assertThat(buckets.path(0).path("start").asText()).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(buckets.path(0).path("faces").path("HAPPY").asLong()).isEqualTo(5);
        assertThat(buckets.path(0).path("faces").path("SAD").asLong()).isEqualTo(1);
        assertThat(buckets.path(1).path("faces").size()).isZero();
        assertThat(buckets.path(2).path("faces").path("FEAR").asLong()).isEqualTo(4);
        assertThat(stats.path("totals").path("FEAR").asLong()).isEqualTo(4);
    }

    @Test
    void subscriptions_whenCreatedListedAndDeleted_stayOnTheTenantsOwnTopic() throws Exception {
        APIGatewayProxyResponseEvent created = handler.handleRequest(Events.proxy("tenant-create-subscription"), null);

        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode subscription = body(created);
        assertThat(subscription.path("emotions").toString()).isEqualTo("[\"HAPPY\",\"SURPRISED\"]");
        assertThat(subscription.path("celebritiesOnly").asBoolean()).isTrue();
        assertThat(subscription.path("minFaces").asInt()).isEqualTo(2);
        assertThat(subscriptions.byTopic).containsOnlyKeys(activeTenant("tenant-a").topicArn());

        JsonNode listed = body(handler.handleRequest(Events.proxy("tenant-list-subscriptions"), null));
        assertThat(listed.path("items")).hasSize(1);

        String id = subscription.path("subscriptionId").asText();
        APIGatewayProxyRequestEvent delete = Events.withPath(Events.proxy("tenant-delete-subscription"),
                "subscriptionId", id);
        assertThat(handler.handleRequest(delete, null).getStatusCode()).isEqualTo(204);
        assertThat(handler.handleRequest(delete, null).getStatusCode()).isEqualTo(404);
    }

    @Test
    void deleteSubscription_whenIdBelongsToAnotherTenantsTopic_returns404AndKeepsIt() {
        String topicOfB = activeTenant("tenant-b").topicArn();
        String idOfB = subscriptions.subscribe(topicOfB, new org.emotionanalyser.tenants.domain.SubscriptionRequest(
                org.emotionanalyser.tenants.domain.SubscriptionProtocol.EMAIL, "ops@example.com", null))
                .subscriptionId();

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.withPath(
                Events.proxy("tenant-delete-subscription"), "subscriptionId", idOfB), null);

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(subscriptions.list(topicOfB)).hasSize(1);
    }

    @Test
    void createSubscription_whenEndpointDoesNotFitProtocol_returns400() throws Exception {
        APIGatewayProxyRequestEvent event = Events.proxy("tenant-create-subscription");
        event.setBody("{\"protocol\":\"https\",\"endpoint\":\"http://insecure.example.com\"}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(subscriptions.byTopic).isEmpty();
    }

    @Test
    void runExport_whenDateGiven_writesCsvOfThatDayAndAnnouncesLink() throws Exception {
        store(analyzed("tenant-a", String.format("%032x", 1), Instant.parse("2026-11-20T23:59:59.999Z"),
                Map.of(Emotion.HAPPY, 1)));
        store(analyzed("tenant-a", String.format("%032x", 2), Instant.parse("2026-11-21T00:00:00Z"),
                Map.of(Emotion.HAPPY, 1)));

        APIGatewayProxyResponseEvent response = handler.handleRequest(Events.proxy("tenant-run-export"), null);

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(body(response).path("url").asText()).contains("exports/tenant-a/2026-11-20.csv");
        String csv = exportStore.contents.get("exports/tenant-a/2026-11-20.csv");
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv).contains(String.format("%032x", 1)).doesNotContain(String.format("%032x", 2));
        assertThat(notices.sent).singleElement().satisfies(sent ->
                assertThat(sent.getKey()).isEqualTo(activeTenant("tenant-a").topicArn()));

        JsonNode listed = body(handler.handleRequest(Events.proxy("tenant-list-exports"), null));
        assertThat(listed.path("items").path(0).path("date").asText()).isEqualTo("2026-11-20");
    }

    @Test
    void runExport_whenDateInFuture_returns400() {
        APIGatewayProxyRequestEvent event = Events.proxy("tenant-run-export");
        event.setBody("{\"date\":\"2026-11-22\"}");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(400);
        assertThat(exportStore.contents).isEmpty();
    }
}
