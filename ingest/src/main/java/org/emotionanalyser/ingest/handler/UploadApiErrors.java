package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import org.emotionanalyser.ingest.domain.InvalidUploadException;
import org.emotionanalyser.ingest.domain.StoreUnavailableException;
import org.emotionanalyser.ingest.domain.UnsupportedImageTypeException;
import org.emotionanalyser.ingest.domain.UploadTooLargeException;
import org.emotionanalyser.lambdasupport.api.AccessDeniedException;
import org.emotionanalyser.lambdasupport.api.ApiResponses;
import org.emotionanalyser.lambdasupport.api.AuthenticationRequiredException;
import org.emotionanalyser.lambdasupport.api.InvalidRequestException;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.InvalidTenantIdException;

import java.util.Map;

/** The one place where the upload API turns failures into HTTP statuses and error bodies. */
final class UploadApiErrors {

    private UploadApiErrors() {
    }

    static int statusOf(EmotionAnalyserException e) {
        if (e instanceof InvalidRequestException || e instanceof InvalidUploadException
                || e instanceof InvalidTenantIdException) {
            return 400;
        }
        if (e instanceof AuthenticationRequiredException) {
            return 401;
        }
        if (e instanceof AccessDeniedException) {
            return 403;
        }
        if (e instanceof UnknownRouteException) {
            return 404;
        }
        if (e instanceof UploadTooLargeException) {
            return 413;
        }
        if (e instanceof UnsupportedImageTypeException) {
            return 415;
        }
        if (e instanceof StoreUnavailableException) {
            return 503;
        }
        return 500;
    }

    /** The response for a failure; server-side failures get a generic message (details go to the log only). */
    static APIGatewayProxyResponseEvent toResponse(EmotionAnalyserException e) {
        int status = statusOf(e);
        String message = switch (status) {
            case 503 -> "the image store is unavailable right now; retry in a few seconds";
            case 500 -> "the upload failed unexpectedly; retry, and report it if it keeps failing";
            default -> e.getMessage();
        };
        Map<String, Object> body = Map.of("error", Map.of("code", e.code(), "message", message));
        if (status == 401) {
            return ApiResponses.json(status, body, Map.of("WWW-Authenticate", "Bearer"));
        }
        return ApiResponses.json(status, body);
    }

    /** The response for a failure that is not one of ours (a bug): nothing about it is shown. */
    static APIGatewayProxyResponseEvent unexpected() {
        return ApiResponses.error(500, "InternalError",
                "the upload failed unexpectedly; retry, and report it if it keeps failing");
    }
}
