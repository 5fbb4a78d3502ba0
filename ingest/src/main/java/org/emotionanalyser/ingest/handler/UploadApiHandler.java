package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.ingest.IngestWiring;
import org.emotionanalyser.ingest.domain.AcceptedUpload;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.InvalidUploadException;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.domain.UnsupportedImageTypeException;
import org.emotionanalyser.ingest.domain.UploadService;
import org.emotionanalyser.ingest.domain.UploadTooLargeException;
import org.emotionanalyser.lambdasupport.api.ApiErrors;
import org.emotionanalyser.lambdasupport.api.ApiRequest;
import org.emotionanalyser.lambdasupport.api.ApiResponses;
import org.emotionanalyser.lambdasupport.api.Caller;
import org.emotionanalyser.lambdasupport.api.UnknownRouteException;
import org.emotionanalyser.lambdasupport.api.CorsOrigin;

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

    private static final List<String> ROUTES = List.of(PUT_IMAGE, POST_IMAGE, POST_UPLOAD);
    private static final ApiErrors ERRORS = ApiErrors.builder()
            .map(InvalidUploadException.class, 400)
            .map(UploadTooLargeException.class, 413)
            .map(UnsupportedImageTypeException.class, 415)
            .map(StoreUnavailableException.class, 503,
                    "the image store is unavailable right now; retry in a few seconds")
            .unexpectedMessage("the upload failed unexpectedly; retry, and report it if it keeps failing")
            .build();

    private final UploadService uploads;
    private final CorsOrigin cors;

    /** Used by Lambda. */
    public UploadApiHandler() {
        this(System.getenv());
    }

    /** Used by local mode, with its own environment. */
    public UploadApiHandler(Map<String, String> env) {
        this(IngestWiring.fromEnvironment(env).uploadService(), CorsOrigin.fromEnvironment(env));
    }

    /** With a ready service (tests, custom wiring); no CORS header. */
    public UploadApiHandler(UploadService uploads) {
        this(uploads, CorsOrigin.none());
    }

    /** With a ready service, answering the given page origin's scripts. */
    public UploadApiHandler(UploadService uploads, CorsOrigin cors) {
        this.uploads = uploads;
        this.cors = cors;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return cors.applyTo(ERRORS.respond(event, this::route));
    }

    private APIGatewayProxyResponseEvent route(ApiRequest request) {
        switch (request.route()) {
            case PUT_IMAGE:
                return putImage(request);
            case POST_IMAGE: {
                String tenantId = authorisedTenant(request);
                JsonNode json = request.jsonObject();
                return accepted(uploads.storeBase64(tenantId, ApiRequest.text(json, "name"),
                        ApiRequest.text(json, "contentType"), ApiRequest.text(json, "imageBase64"), "'imageBase64'"));
            }
            case POST_UPLOAD:
                return postUpload(request);
            default:
                throw UnknownRouteException.of(request.route(), ROUTES);
        }
    }

    /** The binary body: API Gateway delivers it base64-encoded when image/* is a binary media type of the API. */
    private APIGatewayProxyResponseEvent putImage(ApiRequest request) {
        String tenantId = authorisedTenant(request);
        String contentType = request.header("Content-Type");
        if (contentType == null) {
            throw new UnsupportedImageTypeException("send the image with a Content-Type header of an accepted "
                    + "type; accepted: " + String.join(", ", ImageFormat.acceptedMediaTypes()));
        }
        UploadService.requireAccepted(contentType);
        String body = request.rawBody();
        if (body == null || body.isEmpty()) {
            throw new InvalidUploadException("the request body is empty; send the image file as the body");
        }
        if (!request.isBase64Encoded()) {
            throw new InvalidUploadException("the binary body reached the function as text, which corrupts it; "
                    + "the API must list image/* among its binary media types");
        }
        return accepted(uploads.storeBase64(tenantId, request.decodedPath("image"), contentType, body,
                "the request body"));
    }

    private APIGatewayProxyResponseEvent postUpload(ApiRequest request) {
        String tenantId = authorisedTenant(request);
        JsonNode json = request.jsonObject();
        AcceptedUpload upload = uploads.presign(tenantId, ApiRequest.text(json, "name"),
                ApiRequest.text(json, "contentType"), ApiRequest.wholeNumber(json, "contentLength"));
        Map<String, Object> body = pending(upload);
        body.put("uploadUrl", upload.presigned().url());
        body.put("method", upload.presigned().method());
        body.put("headers", upload.presigned().headers());
        body.put("expiresAt", upload.presigned().expiresAt().toString());
        return ApiResponses.json(202, body, Map.of("Location", upload.location()));
    }

    private static String authorisedTenant(ApiRequest request) {
        return Caller.of(request.event()).requireTenant(request.path("tenantId"));
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
