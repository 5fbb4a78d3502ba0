package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.tenants.TenantsWiring;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.emotionanalyser.lambdasupport.api.AuthenticationRequiredException;
import org.emotionanalyser.lambdasupport.api.Caller;
import org.emotionanalyser.tenants.domain.ApiKeys;
import org.emotionanalyser.tenants.domain.Tenant;
import org.emotionanalyser.router.domain.TenantStatus;
import org.emotionanalyser.tenants.port.TenantDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REQUEST authorizer. Reads {@code Authorization: Bearer <key>} (header name and scheme in any case) and
 * allows the whole API stage with the context {@code {role: admin|tenant, tenantId}} that {@link Caller} reads:
 * the admin key (read once, at init, from the secret {@code ADMIN_KEY_SECRET_ID} names; local mode passes its
 * SHA-256 as {@code ADMIN_KEY_SHA256} instead), a tenant key {@code <tenantId>.<secret>} when
 * the tenant is ACTIVE and the secret matches its stored salted hash. Anything else throws
 * {@code Unauthorized}, which API Gateway answers with 401. Which routes a key may use is the handlers' check.
 *
 * <p>Every allow carries a {@code usageIdentifierKey} (the API's key source is {@code AUTHORIZER} and every method
 * requires a key): the tenant's own usage-plan key, so API Gateway throttles each tenant on its own; the admin's key
 * ({@code ADMIN_USAGE_KEY}, in a plan without a per-key throttle) for the admin. A tenant created before per-tenant
 * throttling has no key of its own yet: it gets the admin's, so it keeps working unthrottled (as before), and a
 * warning names it until its create is repeated or its key rotated.
 *
 * <p>The tenant record is read on every call, not cached, so a rotated or deleted key stops working at once;
 * the API's authorizer result cache must be off (TTL 0) for the same reason.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, AuthorizerResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    /** API Gateway turns exactly this exception message into a 401. */
    static final String UNAUTHORIZED = "Unauthorized";
    private static final String BEARER = "bearer ";

    private final TenantDirectory directory;
    private final String adminKeySha256;
    private final String adminUsageKey;

    public AuthorizerHandler() {
        this(System.getenv());
    }

    public AuthorizerHandler(Map<String, String> env) {
        this(TenantsWiring.fromEnvironment(env));
    }

    private AuthorizerHandler(TenantsWiring wiring) {
        this(wiring.tenantDirectory(), wiring.adminKeySha256(), wiring.config().adminUsageKey());
    }

    /**
     * For tests and local wiring.
     *
     * @param adminUsageKey the usage-plan key returned for the admin (and tenants without a key of their own)
     */
    public AuthorizerHandler(TenantDirectory directory, String adminKeySha256, String adminUsageKey) {
        this.directory = directory;
        this.adminKeySha256 = adminKeySha256;
        this.adminUsageKey = adminUsageKey;
    }

    @Override
    public AuthorizerResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String key = bearerKey(event).orElseThrow(AuthorizerHandler::unauthorized);
        String resource = stageWildcard(event.getMethodArn());
        if (ApiKeys.isAdminKey(key, adminKeySha256)) {
            return allow("admin", resource, Map.of(Caller.ROLE_KEY, "admin"), adminUsageKey);
        }
        ApiKeys.PresentedKey presented = ApiKeys.parse(key).orElseThrow(AuthorizerHandler::unauthorized);
        Tenant tenant = directory.find(presented.tenantId()).orElseThrow(AuthorizerHandler::unauthorized);
        if (tenant.status() != TenantStatus.ACTIVE
                || !ApiKeys.matches(presented.secret(), tenant.keySalt(), tenant.keyHash())) {
            throw unauthorized();
        }
        String usageKey = tenant.usageKeyValue();
        if (!tenant.hasUsageKey()) {
            LOG.warn("tenant {} has no usage-plan key (created before per-tenant throttling), so it is not throttled "
                    + "per tenant; repeat its POST /tenants with the same settings, or rotate its key, to give it one",
                    tenant.tenantId());
            usageKey = adminUsageKey;
        }
        return allow(tenant.tenantId(), resource,
                Map.of(Caller.ROLE_KEY, "tenant", Caller.TENANT_KEY, tenant.tenantId()), usageKey);
    }

    private static Optional<String> bearerKey(APIGatewayCustomAuthorizerEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(header -> "authorization".equalsIgnoreCase(header.getKey()) && header.getValue() != null)
                .map(header -> header.getValue().strip())
                .filter(value -> value.toLowerCase(Locale.ROOT).startsWith(BEARER))
                .map(value -> value.substring(BEARER.length()).strip())
                .filter(value -> !value.isEmpty())
                .findFirst();
    }

    /**
     * {@code arn:aws:execute-api:region:account:apiId/stage/*}: the whole stage, so that a cached decision (if
     * caching is ever turned on) is valid for every route of the key; route checks are the handlers'.
     */
    static String stageWildcard(String methodArn) {
        if (methodArn == null) {
            throw unauthorized();
        }
        String[] parts = methodArn.split("/", 3);
        if (parts.length < 2) {
            throw unauthorized();
        }
        return parts[0] + '/' + parts[1] + "/*";
    }

    private static AuthorizerResponse allow(String principalId, String resource, Map<String, Object> context,
                                            String usageKey) {
        return new AuthorizerResponse(IamPolicyResponse.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponse.allowStatement(resource)))
                        .build())
                .withContext(context)
                .build(), usageKey);
    }

    private static AuthenticationRequiredException unauthorized() {
        return new AuthenticationRequiredException(UNAUTHORIZED);
    }
}
