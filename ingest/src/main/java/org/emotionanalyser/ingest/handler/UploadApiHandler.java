package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.ingest.IngestConfig;
import org.emotionanalyser.ingest.adapter.S3ImageStore;
import org.emotionanalyser.ingest.adapter.S3UploadUrlSigner;
import org.emotionanalyser.ingest.domain.AcceptedUpload;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.InvalidUploadException;
import org.emotionanalyser.ingest.domain.UnsupportedImageTypeException;
import org.emotionanalyser.ingest.domain.UploadService;
import org.emotionanalyser.router.api.ApiResponses;
import org.emotionanalyser.router.api.Caller;
import org.emotionanalyser.router.api.InvalidRequestException;
import org.emotionanalyser.router.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.json.EventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upload API (REST API, Lambda proxy integration):
 * <ul>
 *     <li>{@code PUT /tenants/{tenantId}/images/{image}}: the image as the binary body ({@code image/*} must be a
 *     binary media type of the API, so the body arrives base64-encoded), {@code {image}} is its file name;</li>
 *     <li>{@code POST /tenants/{tenantId}/images}: JSON {@code {"name", "imageBase64"}};</li>
 *     <li>{@code POST /tenants/{tenantId}/uploads}: JSON {@code {"name", "contentType", "contentLength"}}, answered
 *     with a single-use presigned PUT URL valid 15 minutes for exactly that many bytes, for images over the
 *     direct-upload limit.</li>
 * </ul>
 * Each answers 202 with the image id, {@code status: PENDING} and the location where the result will appear.
 * The caller must hold the tenant's own key; the path's tenant id is validated before anything is stored.
 */
public final class UploadApiHandler implements RequestHandler<APIGatewayProxyRequestEvent,
        APIGatewayProxyResponseEvent> {

    static final String PUT_IMAGE = "PUT /tenants/{tenantId}/images/{image}";
    static final String POST_IMAGE = "POST /tenants/{tenantId}/images";
    static final String POST_UPLOAD = "POST /tenants/{tenantId}/uploads";

    private static final Logger LOG = LoggerFactory.getLogger(UploadApiHandler.class);
    private static final Duration S3_TIMEOUT = Duration.ofSeconds(20);
    private static final String DATA_URL_MARKER = ";base64,";

    private final UploadService uploads;

    /** Used by Lambda. */
    public UploadApiHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public UploadApiHandler(Map<String, String> env) {
        this(wire(IngestConfig.fromEnvironment(env)));
    }

    /** With a ready service (tests, custom wiring). */
    public UploadApiHandler(UploadService uploads) {
        this.uploads = uploads;
    }

    private static UploadService wire(IngestConfig config) {
        AwsClientSettings settings = config.s3();
        boolean local = settings.endpoint().isPresent();
        S3Client s3 = settings.build(S3Client.builder().forcePathStyle(local), S3_TIMEOUT);
        S3Presigner.Builder presigner = S3Presigner.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                // Local S3 endpoints have no per-bucket host names.
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(local).build());
        settings.endpoint().ifPresent(presigner::endpointOverride);
        return new UploadService(new S3ImageStore(s3), new S3UploadUrlSigner(presigner.build()),
                config.uploadBucket(), config.maxDirectUploadBytes(), config.maxImageBytes());
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        try {
            return route(event);
        } catch (EmotionAnalyserException e) {
            if (UploadApiErrors.statusOf(e) >= 500) {
                LOG.error("upload request {} {} failed: [{}] {}", event.getHttpMethod(), event.getResource(),
                        e.code(), e.getMessage(), e);
            }
            return UploadApiErrors.toResponse(e);
        } catch (RuntimeException e) {
            LOG.error("upload request {} {} failed unexpectedly", event.getHttpMethod(), event.getResource(), e);
            return UploadApiErrors.unexpected();
        }
    }

    private APIGatewayProxyResponseEvent route(APIGatewayProxyRequestEvent event) {
        String route = event.getHttpMethod() + " " + event.getResource();
        switch (route) {
            case PUT_IMAGE:
                return putImage(event);
            case POST_IMAGE:
                return postImage(event);
            case POST_UPLOAD:
                return postUpload(event);
            default:
                throw new UnknownRouteException("no upload route " + route + "; the upload API serves "
                        + String.join(", ", List.of(PUT_IMAGE, POST_IMAGE, POST_UPLOAD)));
        }
    }

    private APIGatewayProxyResponseEvent putImage(APIGatewayProxyRequestEvent event) {
        String tenantId = authorisedTenant(event);
        String contentType = RequestParts.header(event, "Content-Type");
        if (contentType == null || ImageFormat.fromMediaType(contentType).isEmpty()) {
            throw new UnsupportedImageTypeException("send the image with a Content-Type header of an accepted "
                    + "type; accepted: " + String.join(", ", ImageFormat.acceptedMediaTypes()));
        }
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            throw new InvalidUploadException("the request body is empty; send the image file as the body");
        }
        if (!Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            throw new InvalidUploadException("the binary body reached the function as text, which corrupts it; "
                    + "the API must list image/* among its binary media types");
        }
        byte[] image = decodeBase64(tenantId, body, "the request body");
        return accepted(uploads.store(tenantId, RequestParts.decodedPathParameter(event, "image"), contentType,
                image));
    }

    private APIGatewayProxyResponseEvent postImage(APIGatewayProxyRequestEvent event) {
        String tenantId = authorisedTenant(event);
        JsonNode json = jsonBody(event);
        String data = RequestParts.text(json, "imageBase64");
        String contentType = RequestParts.text(json, "contentType");
        if (data == null || data.isBlank()) {
            throw new InvalidUploadException("'imageBase64' is required: the image file encoded as base64");
        }
        int marker = data.startsWith("data:") ? data.indexOf(DATA_URL_MARKER) : -1;
        if (marker > 0) {
            // A data URL, as browsers' FileReader produce: data:image/png;base64,....
            if (contentType == null) {
                contentType = data.substring("data:".length(), marker);
            }
            data = data.substring(marker + DATA_URL_MARKER.length());
        }
        byte[] image = decodeBase64(tenantId, data, "'imageBase64'");
        return accepted(uploads.store(tenantId, RequestParts.text(json, "name"), contentType, image));
    }

    private APIGatewayProxyResponseEvent postUpload(APIGatewayProxyRequestEvent event) {
        String tenantId = authorisedTenant(event);
        JsonNode json = jsonBody(event);
        AcceptedUpload upload = uploads.presign(tenantId, RequestParts.text(json, "name"),
                RequestParts.text(json, "contentType"), RequestParts.wholeNumber(json, "contentLength"));
        Map<String, Object> body = pending(upload);
        body.put("uploadUrl", upload.presigned().url());
        body.put("method", upload.presigned().method());
        body.put("headers", upload.presigned().headers());
        body.put("expiresAt", upload.presigned().expiresAt().toString());
        return ApiResponses.json(202, body, Map.of("Location", upload.location()));
    }

    private static String authorisedTenant(APIGatewayProxyRequestEvent event) {
        return Caller.of(event).requireTenant(RequestParts.pathParameter(event, "tenantId"));
    }

    /** Decodes base64 after checking, from its length alone, that the result can fit. */
    private byte[] decodeBase64(String tenantId, String data, String what) {
        String compact = data.strip();
        if (compact.indexOf('\n') >= 0 || compact.indexOf('\r') >= 0) {
            compact = compact.replaceAll("[\\r\\n]", "");
        }
        uploads.requireFits(tenantId, (long) compact.length() / 4 * 3 - padding(compact));
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(what + " is not valid base64 (" + e.getMessage() + ")");
        }
    }

    private static int padding(String base64) {
        return base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
    }

    private static JsonNode jsonBody(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request body is empty; send a JSON object");
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("the request body is marked base64 but is not valid base64");
            }
        }
        try {
            JsonNode json = EventJson.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                throw new InvalidRequestException("the request body must be a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the request body is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static APIGatewayProxyResponseEvent accepted(AcceptedUpload upload) {
        return ApiResponses.json(202, pending(upload), Map.of("Location", upload.location()));
    }

    private static Map<String, Object> pending(AcceptedUpload upload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("imageId", upload.imageId());
        body.put("status", "PENDING");
        body.put("location", upload.location());
        return body;
    }
}
