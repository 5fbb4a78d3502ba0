package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.emotionanalyser.router.api.ApiResponses;
import org.emotionanalyser.router.api.Caller;
import org.emotionanalyser.router.api.CorsOrigin;
import org.emotionanalyser.router.api.InvalidRequestException;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.router.domain.ImageId;
import org.emotionanalyser.tenants.domain.CsvExport;
import org.emotionanalyser.tenants.domain.ImageQueries;
import org.emotionanalyser.tenants.domain.ImageStatus;
import org.emotionanalyser.tenants.domain.ImageView;
import org.emotionanalyser.tenants.domain.StatsBucket;
import org.emotionanalyser.tenants.domain.SubscriptionFilter;
import org.emotionanalyser.tenants.domain.SubscriptionProtocol;
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

    /** SNS subscription ids are the UUID at the end of the subscription ARN. */
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    private final ImageQueries images;
    private final TenantSubscriptions subscriptions;
    private final CsvExport exports;
    private final CorsOrigin cors;

    public TenantApiHandler() {
        this(System.getenv());
    }

    public TenantApiHandler(Map<String, String> env) {
        this(ApiWiring.fromEnvironment(env));
    }

    private TenantApiHandler(ApiWiring wiring) {
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
        ApiRequest request = new ApiRequest(event);
        APIGatewayProxyResponseEvent response;
        try {
            String tenantId = Caller.of(event).requireTenant(request.path("tenantId"));
            response = route(request, tenantId);
        } catch (RuntimeException e) {
            response = ApiErrors.toResponse(e);
        }
        return cors.applyTo(response);
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
            case "POST /tenants/{tenantId}/subscriptions":
                return ApiResponses.json(201, ApiViews.subscription(
                        subscriptions.subscribe(tenantId, subscriptionRequest(request))));
            case "GET /tenants/{tenantId}/subscriptions":
                return ApiResponses.json(200, ApiViews.items(
                        subscriptions.list(tenantId).stream().map(ApiViews::subscription).toList()));
            case "DELETE /tenants/{tenantId}/subscriptions/{subscriptionId}": {
                String id = request.path("subscriptionId");
                if (id == null || !SUBSCRIPTION_ID.matcher(id).matches()) {
                    throw new InvalidRequestException("subscriptionId must be a subscription id as listed by "
                            + "GET /tenants/{tenantId}/subscriptions");
                }
                subscriptions.unsubscribe(tenantId, id);
                return ApiResponses.noContent();
            }
            case "POST /tenants/{tenantId}/exports": {
                LocalDate date = exportDate(request.body(ApiBodies.RunExport.class, true).date());
                return ApiResponses.json(201, ApiViews.export(exports.exportDay(tenantId, date)));
            }
            case "GET /tenants/{tenantId}/exports":
                return ApiResponses.json(200, ApiViews.items(
                        exports.list(tenantId).stream().map(ApiViews::export).toList()));
            default:
                return ApiErrors.unknownRoute(request.route());
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

    private static SubscriptionRequest subscriptionRequest(ApiRequest request) {
        ApiBodies.Subscribe body = request.body(ApiBodies.Subscribe.class, false);
        Set<Emotion> emotions = EnumSet.noneOf(Emotion.class);
        if (body.emotions() != null) {
            for (String name : body.emotions()) {
                emotions.add(Emotion.parse(name).orElseThrow(() ->
                        new InvalidRequestException("emotions must name emotions among " + List.of(Emotion.values()))));
            }
        }
        if (body.minFaces() != null && (body.minFaces() < 1 || body.minFaces() > 100)) {
            throw new InvalidRequestException("minFaces must be from 1 to 100");
        }
        SubscriptionProtocol protocol = SubscriptionProtocol.parse(body.protocol()).orElseThrow(() ->
                new InvalidRequestException("protocol must be one of email, https, sqs"));
        return new SubscriptionRequest(protocol, body.endpoint(),
                new SubscriptionFilter(emotions, Boolean.TRUE.equals(body.celebritiesOnly()), body.minFaces()));
    }

    /**
     * The day to export: the given {@code yyyy-MM-dd}, or yesterday (the last complete UTC day). Today is allowed
     * and exports the day so far; later days are refused.
     */
    private LocalDate exportDate(String text) {
        LocalDate today = LocalDate.now(images.clock().withZone(ZoneOffset.UTC));
        if (text == null || text.isBlank()) {
            return today.minusDays(1);
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("date must be a day as yyyy-MM-dd, e.g. 2026-11-20");
        }
        if (date.isAfter(today)) {
            throw new InvalidRequestException("date must not be after today (UTC)");
        }
        return date;
    }
}
