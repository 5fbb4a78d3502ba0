package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.ingest.adapter.S3UploadUrlSigner;
import org.emotionanalyser.ingest.domain.UploadService;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.emotionanalyser.ingest.testing.InMemoryImageStore;
import org.emotionanalyser.ingest.testing.InMemoryImageStore.StoredBytes;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.router.json.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UploadApiHandlerTest {

    private static final String BUCKET = "emotion-analyser-dev-images-1a2b3c";
    /** The reader's default limit, which presigned uploads may not exceed. */
    private static final long MAX_IMAGE_BYTES = 15_728_640L;

    private final InMemoryImageStore store = new InMemoryImageStore();
    private final S3Presigner presigner = S3Presigner.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))
            .build();
    private UploadApiHandler handler = handlerWithLimit(4_500_000);

    @AfterEach
    void close() {
        presigner.close();
    }

    @Test
    void putImage_whenBinaryBodyArrivesBase64Encoded_storesTheImageAndAnswersPending() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        String imageId = body.get("imageId").asText();
        assertThat(ImageId.isValid(imageId)).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("location").asText()).isEqualTo("/tenants/acme-events/images/" + imageId);
        assertThat(response.getHeaders()).containsEntry("Location", "/tenants/acme-events/images/" + imageId);
        StoredBytes stored = store.get(BUCKET, "uploads/acme-events/" + imageId + ".jpg").orElseThrow();
        assertThat(stored.bytes()).isEqualTo(Base64.getDecoder().decode(event.getBody()));
        assertThat(stored.contentType()).isEqualTo("image/jpeg");
        assertThat(stored.metadata()).containsEntry("original-name", "beach party.jpg");
    }

    @Test
    void putImage_whenTheFileNameArrivesPercentEncoded_storesItDecoded() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        event.setPathParameters(Map.of("tenantId", "acme-events", "image", "Sommerfest%20%E2%9C%93+1.jpg"));

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        String imageId = json(response).get("imageId").asText();
        assertThat(store.get(BUCKET, "uploads/acme-events/" + imageId + ".jpg").orElseThrow().metadata())
                .containsEntry("original-name", "Sommerfest %E2%9C%93+1.jpg");
    }

    @Test
    void postImage_whenJsonCarriesBase64_storesItUnderItsDetectedTypeWithTheNameEncodedForMetadata() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-post-image-json.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        String imageId = json(response).get("imageId").asText();
        StoredBytes stored = store.get(BUCKET, "uploads/acme-events/" + imageId + ".png").orElseThrow();
        assertThat(stored.contentType()).isEqualTo("image/png");
        assertThat(stored.metadata().get("original-name"))
                .isEqualTo("Caf%C3%A9 %E2%80%93 Gruppenfoto %E5%86%99%E7%9C%9F.png");
    }

    @Test
    void postImage_whenImageIsADataUrl_acceptsIt() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-post-image-json.json",
                APIGatewayProxyRequestEvent.class);
        String base64 = readJson(event.getBody()).get("imageBase64").asText();
        event.setBody("{\"name\":\"a.png\",\"imageBase64\":\"data:image/png;base64," + base64 + "\"}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void postUpload_whenNameAndTypeGiven_answersAPresignedPutUrlValidFifteenMinutes() {
        Instant before = Instant.now();

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-post-upload-presign.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        JsonNode body = json(response);
        String imageId = body.get("imageId").asText();
        assertThat(body.get("status").asText()).isEqualTo("PENDING");
        assertThat(body.get("method").asText()).isEqualTo("PUT");
        assertThat(body.get("uploadUrl").asText())
                .startsWith("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/uploads/acme-events/" + imageId
                        + ".jpg?")
                .contains("X-Amz-Expires=900")
                .contains("X-Amz-Signature=");
        // Exactly the signed headers, which the client must send as they are.
        Map<String, String> headers = EventJson.mapper().convertValue(body.get("headers"),
                new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() { });
        // Besides type and name, the length and the create-only condition: the URL takes one PUT of 5 MiB.
        assertThat(headers).isEqualTo(Map.of(
                "content-type", "image/jpeg", "x-amz-meta-original-name", "keynote crowd.jpg",
                "content-length", "5242880", "if-none-match", "*"));
        Instant expiresAt = Instant.parse(body.get("expiresAt").asText());
        assertThat(Duration.between(before, expiresAt)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
        assertThat(store.operations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"a.jpg\", \"contentType\": \"image/jpeg\"}",
            "{\"name\": \"a.jpg\", \"contentType\": \"image/jpeg\", \"contentLength\": 0}",
            "{\"name\": \"a.jpg\", \"contentType\": \"image/jpeg\", \"contentLength\": \"12\"}",
            "{\"name\": \"a.jpg\", \"contentType\": \"image/jpeg\", \"contentLength\": 1.5}"})
    void postUpload_whenContentLengthMissingOrNotAPositiveWholeNumber_returns400WithoutSigning(String body) {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-post-upload-presign.json",
                APIGatewayProxyRequestEvent.class);
        event.setBody(body);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("contentLength");
    }

    @Test
    void postUpload_whenContentLengthOverTheReadersLimit_returns413() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-post-upload-presign.json",
                APIGatewayProxyRequestEvent.class);
        event.setBody("{\"name\": \"a.jpg\", \"contentType\": \"image/jpeg\", \"contentLength\": "
                + (MAX_IMAGE_BYTES + 1) + "}");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(errorMessage(response)).contains(Long.toString(MAX_IMAGE_BYTES));
    }

    @Test
    void postUpload_whenRunningAgainstALocalEndpoint_presignsAPathStyleUrl() {
        UploadApiHandler local = new UploadApiHandler(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:45123",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "UPLOAD_BUCKET", "emotion-analyser-local-images"));

        APIGatewayProxyResponseEvent response = local.handleRequest(
                EventFixtures.event("api-post-upload-presign.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        assertThat(json(response).get("uploadUrl").asText())
                .startsWith("http://127.0.0.1:45123/emotion-analyser-local-images/uploads/acme-events/");
    }

    @Test
    void handleRequest_whenThePageOriginIsConfigured_letsOnlyThatOriginReadAnswersAndErrors() {
        UploadApiHandler withPage = new UploadApiHandler(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:45123",
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "UPLOAD_BUCKET", "emotion-analyser-local-images",
                "ALLOWED_ORIGIN", "https://d111111abcdef8.cloudfront.net"));
        APIGatewayProxyRequestEvent unknownRoute = EventFixtures.event("api-post-upload-presign.json",
                APIGatewayProxyRequestEvent.class).withHttpMethod("PATCH");

        APIGatewayProxyResponseEvent accepted = withPage.handleRequest(
                EventFixtures.event("api-post-upload-presign.json", APIGatewayProxyRequestEvent.class), null);
        APIGatewayProxyResponseEvent refused = withPage.handleRequest(unknownRoute, null);

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(refused.getStatusCode()).isGreaterThanOrEqualTo(400);
        for (APIGatewayProxyResponseEvent response : List.of(accepted, refused)) {
            assertThat(response.getHeaders())
                    .containsEntry("Access-Control-Allow-Origin", "https://d111111abcdef8.cloudfront.net");
        }
        assertThat(handler.handleRequest(EventFixtures.event("api-post-upload-presign.json",
                APIGatewayProxyRequestEvent.class), null).getHeaders())
                .as("without ALLOWED_ORIGIN").doesNotContainKey("Access-Control-Allow-Origin");
    }

    @Test
    void putImage_whenBodyIsOverTheDirectLimit_answers413PointingAtPresignedUploads() {
        handler = handlerWithLimit(1000);

        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-put-image-binary.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(errorCode(response)).isEqualTo("PayloadTooLarge");
        assertThat(errorMessage(response)).contains("1000 bytes").contains("POST /tenants/acme-events/uploads");
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenBase64IsWrappedInLines_storesTheDecodedImage() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        byte[] image = Base64.getDecoder().decode(event.getBody());
        event.setBody(Base64.getMimeEncoder().encodeToString(image));

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(202);
        String imageId = json(response).get("imageId").asText();
        assertThat(store.get(BUCKET, "uploads/acme-events/" + imageId + ".jpg").orElseThrow().bytes())
                .isEqualTo(image);
    }

    @Test
    void putImage_whenWrappedBase64IsOverTheLimitOnlyByItsLineBreaks_storesTheImage() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        byte[] image = Base64.getDecoder().decode(event.getBody());
        String wrapped = Base64.getMimeEncoder().encodeToString(image);
        assertThat((long) wrapped.length() / 4 * 3).as("the wrapped length alone").isGreaterThan(image.length);
        event.setBody(wrapped);
        handler = handlerWithLimit(image.length);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(202);
    }

    @Test
    void putImage_whenWrappedBodyIsNotBase64_answers400() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        event.setBody("not*base64\r\nat all!");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("base64");
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenContentTypeIsNotAnImageType_answers415ListingTheAcceptedTypes() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-put-image-text-plain.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(errorMessage(response)).contains("image/jpeg", "image/png", "image/webp", "image/gif",
                "image/bmp");
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenDeclaredAsJpegButTheBodyIsText_answers415() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-text-plain.json",
                APIGatewayProxyRequestEvent.class);
        event.getHeaders().put("Content-Type", "image/jpeg");
        event.getHeaders().remove("content-type");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenBinaryBodyWasNotBase64Encoded_answers400NamingTheApiSetting() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        event.setIsBase64Encoded(false);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("binary media types");
    }

    @Test
    void postImage_whenBodyIsNotJson_answers400() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-post-image-malformed-json.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("not valid JSON");
    }

    @Test
    void postImage_whenImageIsNotBase64_answers400() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-post-image-bad-base64.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("base64");
    }

    @Test
    void postImage_whenNameIsMissing_answers400() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-post-image-without-name.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).contains("'name' is required");
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenNoAuthorizerContext_answers401() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-put-image-without-authorizer.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeaders()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void putImage_whenKeyBelongsToAnotherTenant_answers403WithoutStoring() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                EventFixtures.event("api-put-image-other-tenant.json", APIGatewayProxyRequestEvent.class), null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(errorMessage(response)).doesNotContain("globex-corp");
        assertThat(store.operations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "A", "acme_events", "ünïcode-tenant", "a-tenant-id-that-is-much-longer-than-forty-chars",
            "acme-events/../globex", ""})
    void putImage_whenPathTenantIdIsMalformed_answers400BeforeTouchingTheStore(String tenantId) {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        Map<String, String> parameters = new HashMap<>(event.getPathParameters());
        parameters.put("tenantId", tenantId);
        event.setPathParameters(parameters);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(errorMessage(response)).doesNotContain(tenantId.isEmpty() ? "\u0000" : tenantId);
        assertThat(store.operations()).isEmpty();
    }

    @Test
    void handleRequest_whenRouteBelongsToAnotherFunction_answers404() {
        APIGatewayProxyRequestEvent event = EventFixtures.event("api-put-image-binary.json",
                APIGatewayProxyRequestEvent.class);
        event.setHttpMethod("DELETE");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(404);
    }

    private UploadApiHandler handlerWithLimit(int maxDirectUploadBytes) {
        return new UploadApiHandler(new UploadService(store, new S3UploadUrlSigner(presigner), BUCKET,
                maxDirectUploadBytes, MAX_IMAGE_BYTES));
    }

    private static JsonNode json(APIGatewayProxyResponseEvent response) {
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json");
        return readJson(response.getBody());
    }

    private static JsonNode readJson(String text) {
        try {
            return EventJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String errorCode(APIGatewayProxyResponseEvent response) {
        return json(response).at("/error/code").asText();
    }

    private static String errorMessage(APIGatewayProxyResponseEvent response) {
        return json(response).at("/error/message").asText();
    }
}
