package org.emotionanalyser.local.runtime.apigateway;

import java.util.Map;

/**
 * An {@code AWS::ApiGateway::GatewayResponse}: how API Gateway itself answers a kind of failure
 * ({@code UNAUTHORIZED}, {@code ACCESS_DENIED}, ...).
 *
 * @param statusCode   the status, or {@code null} for the type's default
 * @param jsonTemplate the {@code application/json} body template, or {@code null} for the default body
 * @param headers      static headers from {@code ResponseParameters}
 */
public record GatewayResponse(Integer statusCode, String jsonTemplate, Map<String, String> headers) {
}
