package org.emotionanalyser.lambdasupport.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import org.emotionanalyser.router.domain.TenantId;

import java.util.Map;

/**
 * Who is calling, as the REQUEST authorizer put it in {@code requestContext.authorizer}: an admin, or one tenant.
 * Handlers call {@link #requireTenant(String)} or {@link #requireAdmin()} before touching any store.
 */
public record Caller(Role role, String tenantId) {

    /** Context keys the authorizer sets. */
    public static final String ROLE_KEY = "role";
    public static final String TENANT_KEY = "tenantId";

    /** The two kinds of key. */
    public enum Role { ADMIN, TENANT }

    /**
     * Reads the caller from the proxy event.
     *
     * @throws AuthenticationRequiredException when the event carries no authorizer context (the route is not
     *                                         behind the authorizer, which is a deployment error, or the call
     *                                         was not authenticated)
     */
    public static Caller of(APIGatewayProxyRequestEvent event) {
        Map<String, Object> context = event.getRequestContext() == null ? null
                : event.getRequestContext().getAuthorizer();
        Object role = context == null ? null : context.get(ROLE_KEY);
        if ("admin".equals(role)) {
            return new Caller(Role.ADMIN, null);
        }
        Object tenant = context == null ? null : context.get(TENANT_KEY);
        if ("tenant".equals(role) && tenant instanceof String id && TenantId.isValid(id)) {
            return new Caller(Role.TENANT, id);
        }
        throw new AuthenticationRequiredException("missing or invalid API key; send 'Authorization: Bearer <key>'");
    }

    /**
     * Checks that this caller is the tenant named in the path. The path id is validated first, so a malformed id
     * is a 400 before any store is touched, and another tenant's id is a 403 that says nothing about that tenant.
     *
     * @return the validated tenant id
     */
    public String requireTenant(String pathTenantId) {
        if (!TenantId.isValid(pathTenantId)) {
            throw new InvalidRequestException(
                    "tenant id in the path must be 3 to 40 characters of lowercase letters, digits and '-'");
        }
        if (role != Role.TENANT || !pathTenantId.equals(tenantId)) {
            throw new AccessDeniedException("this key may not access that tenant; use the tenant's own API key");
        }
        return pathTenantId;
    }

    /** Checks that this caller holds the admin key. */
    public void requireAdmin() {
        if (role != Role.ADMIN) {
            throw new AccessDeniedException("this route needs the admin key");
        }
    }
}
