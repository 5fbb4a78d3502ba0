package org.emotionanalyser.local.runtime.apigateway;

import java.util.List;
import java.util.Map;

/**
 * The template's REST API as the API Gateway emulation serves it.
 *
 * @param apiId            a stable local id
 * @param stage            stage name reported in request contexts
 * @param binaryMediaTypes content types whose bodies reach handlers base64-encoded
 * @param routes           every proxy method
 * @param gatewayResponses customised gateway responses by type ({@code UNAUTHORIZED}, {@code ACCESS_DENIED}...)
 * @param apiKeySource     where usage-plan keys come from: {@code HEADER} ({@code x-api-key}) or {@code AUTHORIZER}
 *                         (the authorizer's {@code usageIdentifierKey})
 * @param stageThrottle    the stage's {@code MethodSettings} limit for {@code /*} and {@code *}, or {@code null}
 * @param usagePlans       the template's usage plans on this API
 * @param apiKeys          the template's API keys
 * @param usagePlanKeys    the template's key-to-plan associations
 */
public record ApiDefinition(String apiId, String stage, List<String> binaryMediaTypes, List<ApiRoute> routes,
                            Map<String, GatewayResponse> gatewayResponses, String apiKeySource, Throttle stageThrottle,
                            List<UsagePlan> usagePlans, List<ApiKey> apiKeys, List<UsagePlanKey> usagePlanKeys) {

    /** The key source API Gateway uses when the template names none. */
    public static final String HEADER = "HEADER";
    public static final String AUTHORIZER = "AUTHORIZER";

    /** An API without throttling or usage plans. */
    public ApiDefinition(String apiId, String stage, List<String> binaryMediaTypes, List<ApiRoute> routes,
                         Map<String, GatewayResponse> gatewayResponses) {
        this(apiId, stage, binaryMediaTypes, routes, gatewayResponses, HEADER, null, List.of(), List.of(),
                List.of());
    }

    /** A rate (requests per second, the bucket's refill) and burst (the bucket's size). */
    public record Throttle(double rateLimit, int burstLimit) {
    }

    /**
     * An {@code AWS::ApiGateway::UsagePlan} on this API's stage.
     *
     * @param throttle the limit each of its keys gets, or {@code null} for none
     */
    public record UsagePlan(String id, String name, Throttle throttle) {
    }

    /** An {@code AWS::ApiGateway::ApiKey} with the value the template gives it. */
    public record ApiKey(String id, String name, String value, boolean enabled) {
    }

    /** An {@code AWS::ApiGateway::UsagePlanKey}. */
    public record UsagePlanKey(String usagePlanId, String keyId) {
    }
}
