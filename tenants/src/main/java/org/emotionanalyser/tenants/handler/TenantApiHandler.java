package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.tenants.TenantsWiring;
import org.emotionanalyser.lambdasupport.api.ApiRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.lambdasupport.api.ApiResponses;
import org.emotionanalyser.lambdasupport.api.Caller;
import org.emotionanalyser.lambdasupport.api.InvalidRequestException;
import org.emotionanalyser.lambdasupport.api.UnknownRouteException;
import org.emotionanalyser.lambdasupport.api.CorsOrigin;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.ImageView;
import org.emotionanalyser.tenants.domain.StatsBucket;
import org.emotionanalyser.tenants.domain.SubscriptionRequest;
import org.emotionanalyser.tenants.domain.TenantSubscriptions;
import org.emotionanalyser.tenants.domain.TimeRange;

/**
 * The tenant API (the tenant's own key): images, emotion timelines, stats, image deletion, subscriptions and
 * exports under {@code /tenants/{tenantId}/...}. The caller is checked against the path's tenant before anything
 * else, so another tenant's key learns nothing, not even whether an image exists. See the module README.
 */
public final class TenantApiHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final List<String> ROUTES = List.of("GET /tenants/{tenantId}/images",
            "GET|DELETE /tenants/{tenantId}/images/{image}", "GET /tenants/{tenantId}/emotions/{emotion}",
            "GET /tenants/{tenantId}/stats", "GET|POST /tenants/{tenantId}/subscriptions",
            "DELETE /tenants/{tenantId}/subscriptions/{subscriptionId}", "GET|POST /tenants/{tenantId}/exports");

    private final ImageQueries images;
    private final TenantSubscriptions subscriptions;
    private final CsvExport exports;
    private final CorsOrigin cors;

    public TenantApiHandler() {
        this(System.getenv());
    }

    public TenantApiHandler(Map<String, String> env) {
        this(TenantsWiring.fromEnvironment(env));
    }

    private TenantApiHandler(TenantsWiring wiring) {
        this(wiring.imageQueries(), wiring.subscriptions(), wiring.csvExport(),
                CorsOrigin.fromEnvironment(wiring.config().environment()));
    }

    /** For tests and local wiring: no CORS header. */
    public TenantApiHandler(ImageQueries images, TenantSubscriptions subscriptions, CsvExport exports) {
        this(images, subscriptions, exports, CorsOrigin.none());
    }

    /** For tests and local wiring, answering the given page origin's scripts. */
    public TenantApiHandler(ImageQueries images, TenantSubscriptions subscriptions, CsvExport exports,
                            CorsOrigin cors) {
        this.images = images;
        this.subscriptions = subscriptions;
        this.exports = exports;
        this.cors = cors;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return cors.applyTo(TenantsApiErrors.ERRORS.respond(event, request ->
                route(request, Caller.of(event).requireTenant(request.path("tenantId")))));
    }

    private APIGatewayProxyResponseEvent route(ApiRequest request, String tenantId) {
        switch (request.route()) {
            case "GET /tenants/{tenantId}/images":
                return ApiResponses.json(200, ApiViews.page(
                        images.images(tenantId, status(request), request.limit(), request.nextToken()),
                        ApiViews::imageSummary));
            case "GET /tenants/{tenantId}/images/{image}": {
                ImageView view = images.image(tenantId, imageId(request));
                if (view instanceof ImageView.Recorded recorded) {
                    return ApiResponses.json(200, ApiViews.imageDetail(recorded.record(), recorded.viewUrl()));
                }
                return ApiResponses.json(202, Map.of("imageId", ((ImageView.Pending) view).imageId(),
                        "status", "PENDING"));
            }
            case "DELETE /tenants/{tenantId}/images/{image}":
                images.deleteImage(tenantId, imageId(request));
                return ApiResponses.noContent();
            case "GET /tenants/{tenantId}/emotions/{emotion}": {
                Emotion emotion = Emotion.parse(request.path("emotion")).orElseThrow(() ->
                        new InvalidRequestException("emotion must be one of " + List.of(Emotion.values())));
                TimeRange range = range(request);
                return ApiResponses.json(200, ApiViews.page(
                        images.emotions(tenantId, emotion, range, request.limit(), request.nextToken()),
                        ApiViews::emotionRow));
            }
            case "GET /tenants/{tenantId}/stats": {
                StatsBucket bucket = request.query("bucket").map(text -> StatsBucket.parse(text).orElseThrow(() ->
                        new InvalidRequestException("bucket must be 1m, 5m or 1h"))).orElse(StatsBucket.ONE_HOUR);
                return ApiResponses.json(200, ApiViews.stats(images.stats(tenantId, range(request), bucket)));
            }
            case "POST /tenants/{tenantId}/subscriptions": {
                ApiBodies.Subscribe body = request.body(ApiBodies.Subscribe.class, false);
                return ApiResponses.json(201, ApiViews.subscription(subscriptions.subscribe(tenantId,
                        SubscriptionRequest.of(body.protocol(), body.endpoint(), body.emotions(),
                                body.celebritiesOnly(), body.minFaces()))));
            }
            case "GET /tenants/{tenantId}/subscriptions":
                return ApiResponses.json(200, ApiViews.items(
                        subscriptions.list(tenantId).stream().map(ApiViews::subscription).toList()));
            case "DELETE /tenants/{tenantId}/subscriptions/{subscriptionId}":
                subscriptions.unsubscribe(tenantId, request.path("subscriptionId"));
                return ApiResponses.noContent();
            case "POST /tenants/{tenantId}/exports":
                return ApiResponses.json(201, ApiViews.export(exports.exportRequestedDay(tenantId,
                        request.body(ApiBodies.RunExport.class, true).date())));
            case "GET /tenants/{tenantId}/exports":
                return ApiResponses.json(200, ApiViews.items(
                        exports.list(tenantId).stream().map(ApiViews::export).toList()));
            default:
                throw UnknownRouteException.of(request.route(), ROUTES);
        }
    }

    private static String imageId(ApiRequest request) {
        String id = request.path("image");
        if (!ImageId.isValid(id)) {
            throw new InvalidRequestException("image id must be 32 lowercase hex characters, as the upload returned");
        }
        return id;
    }

    private static ImageStatus status(ApiRequest request) {
        return request.query("status").map(text -> {
            try {
                return ImageStatus.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("status must be ANALYZED or REJECTED");
            }
        }).orElse(null);
    }

    private TimeRange range(ApiRequest request) {
        return TimeRange.parse(request.query("from").orElse(null), request.query("to").orElse(null),
                images.clock());
    }
}
