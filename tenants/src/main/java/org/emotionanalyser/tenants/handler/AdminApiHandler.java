package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.tenants.TenantsWiring;
import org.emotionanalyser.lambdasupport.api.ApiRequest;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.emotionanalyser.lambdasupport.api.ApiResponses;
import org.emotionanalyser.lambdasupport.api.Caller;
import org.emotionanalyser.lambdasupport.api.UnknownRouteException;
import org.emotionanalyser.router.domain.TenantId;
import org.emotionanalyser.tenants.domain.NewTenant;
import org.emotionanalyser.tenants.domain.TenantChanges;
import org.emotionanalyser.tenants.domain.TenantOnboarding;

/**
 * The admin API (admin key only): {@code POST|GET /tenants}, {@code GET|PATCH|DELETE /tenants/{tenantId}},
 * {@code POST /tenants/{tenantId}/keys}. See the module README for bodies and statuses.
 */
public final class AdminApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final List<String> ROUTES = List.of("POST|GET /tenants", "GET|PATCH|DELETE /tenants/{tenantId}",
            "POST /tenants/{tenantId}/keys");

    private final TenantOnboarding onboarding;

    public AdminApiHandler() {
        this(System.getenv());
    }

    public AdminApiHandler(Map<String, String> env) {
        this(TenantsWiring.fromEnvironment(env).onboarding());
    }

    /** For tests and local wiring. */
    public AdminApiHandler(TenantOnboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return TenantsApiErrors.ERRORS.respond(event, this::route);
    }

    private APIGatewayProxyResponseEvent route(ApiRequest request) {
        Caller.of(request.event()).requireAdmin();
        switch (request.route()) {
            case "POST /tenants": {
                ApiBodies.CreateTenant body = request.body(ApiBodies.CreateTenant.class, false);
                TenantOnboarding.Onboarded result = onboarding.create(
                        new NewTenant(body.tenantId(), body.name(), body.emotionThreshold(), body.retentionDays()));
                Map<String, Object> view = new LinkedHashMap<>(ApiViews.tenant(result.tenant()));
                result.apiKey().ifPresent(key -> view.put("apiKey", key));
                return result.created()
                        ? ApiResponses.json(201, view, Map.of("Location", "/tenants/" + result.tenant().tenantId()))
                        : ApiResponses.json(200, view);
            }
            case "GET /tenants":
                return ApiResponses.json(200, ApiViews.page(
                        onboarding.list(request.limit(), request.nextToken()), ApiViews::tenant));
            case "GET /tenants/{tenantId}":
                return ApiResponses.json(200, ApiViews.tenant(onboarding.get(tenantId(request))));
            case "PATCH /tenants/{tenantId}": {
                String tenantId = tenantId(request);
                ApiBodies.ChangeTenant body = request.body(ApiBodies.ChangeTenant.class, false);
                return ApiResponses.json(200, ApiViews.tenant(onboarding.update(tenantId,
                        new TenantChanges(body.name(), body.emotionThreshold(), body.retentionDays()))));
            }
            case "DELETE /tenants/{tenantId}":
                onboarding.delete(tenantId(request));
                return ApiResponses.noContent();
            case "POST /tenants/{tenantId}/keys": {
                String tenantId = tenantId(request);
                String key = onboarding.rotateKey(tenantId);
                return ApiResponses.json(200, Map.of("tenantId", tenantId, "apiKey", key));
            }
            default:
                throw UnknownRouteException.of(request.route(), ROUTES);
        }
    }

    private static String tenantId(ApiRequest request) {
        return TenantId.require(request.path("tenantId"));
    }
}
