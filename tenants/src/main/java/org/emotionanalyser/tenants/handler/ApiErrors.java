package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import org.emotionanalyser.lambdasupport.api.AccessDeniedException;
import org.emotionanalyser.lambdasupport.api.ApiResponses;
import org.emotionanalyser.lambdasupport.api.AuthenticationRequiredException;
import org.emotionanalyser.lambdasupport.api.InvalidRequestException;
import org.emotionanalyser.router.domain.EmotionAnalyserException;
import org.emotionanalyser.router.domain.InvalidTenantIdException;
import org.emotionanalyser.tenants.domain.ImageNotFoundException;
import org.emotionanalyser.tenants.domain.InvalidPageTokenException;
import org.emotionanalyser.tenants.domain.ProvisioningFailedException;
import org.emotionanalyser.tenants.domain.StorageFailedException;
import org.emotionanalyser.tenants.domain.SubscriptionNotFoundException;
import org.emotionanalyser.tenants.domain.TenantConflictException;
import org.emotionanalyser.tenants.domain.TenantNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where this module's API handlers turn failures into HTTP statuses. Known failures answer with
 * their own code and message (written to be shown); anything else is logged and answered with a 500 that reveals
 * nothing.
 */
final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private static final Map<Class<? extends EmotionAnalyserException>, Integer> STATUS = Map.ofEntries(
            Map.entry(InvalidRequestException.class, 400),
            Map.entry(InvalidTenantIdException.class, 400),
            Map.entry(InvalidPageTokenException.class, 400),
            Map.entry(AuthenticationRequiredException.class, 401),
            Map.entry(AccessDeniedException.class, 403),
            Map.entry(TenantNotFoundException.class, 404),
            Map.entry(ImageNotFoundException.class, 404),
            Map.entry(SubscriptionNotFoundException.class, 404),
            Map.entry(TenantConflictException.class, 409),
            Map.entry(ProvisioningFailedException.class, 503),
            Map.entry(StorageFailedException.class, 503));

    private ApiErrors() {
    }

    /** The response for a failure raised while handling a request. */
    static APIGatewayProxyResponseEvent toResponse(RuntimeException failure) {
        if (failure instanceof EmotionAnalyserException known && STATUS.containsKey(known.getClass())) {
            int status = STATUS.get(known.getClass());
            if (status >= 500) {
                LOG.error("request failed: {}", known.code(), known);
            }
            return ApiResponses.error(status, known.code(), known.getMessage());
        }
        LOG.error("request failed unexpectedly", failure);
        return ApiResponses.error(500, "InternalError",
                "the request failed on the server; try again, and report it if it keeps failing");
    }

    /** 404 for a method and resource this function does not serve. */
    static APIGatewayProxyResponseEvent unknownRoute(String route) {
        return ApiResponses.error(404, "RouteNotFound", "no such route: " + route);
    }
}
