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
 */
public record ApiDefinition(String apiId, String stage, List<String> binaryMediaTypes, List<ApiRoute> routes,
                            Map<String, GatewayResponse> gatewayResponses) {
}
