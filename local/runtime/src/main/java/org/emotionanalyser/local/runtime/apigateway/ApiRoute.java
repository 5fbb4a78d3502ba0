package org.emotionanalyser.local.runtime.apigateway;

/**
 * One method of the REST API with a Lambda proxy integration.
 *
 * @param resourcePath the resource path with its parameters, e.g. {@code /tenants/{tenantId}}
 * @param httpMethod   upper-case method or {@code ANY}
 * @param functionArn  the integration's function
 * @param authorizer   the custom authorizer, or {@code null} when the method has AuthorizationType NONE
 */
public record ApiRoute(String resourcePath, String httpMethod, String functionArn, ApiAuthorizer authorizer) {
}
