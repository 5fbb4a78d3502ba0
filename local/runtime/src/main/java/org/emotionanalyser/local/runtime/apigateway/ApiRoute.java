package org.emotionanalyser.local.runtime.apigateway;

/**
 * One method of the REST API with a Lambda proxy integration.
 *
 * @param resourcePath   the resource path with its parameters, e.g. {@code /tenants/{tenantId}}
 * @param httpMethod     upper-case method or {@code ANY}
 * @param functionArn    the integration's function
 * @param authorizer     the custom authorizer, or {@code null} when the method has AuthorizationType NONE
 * @param apiKeyRequired whether the method needs a usage-plan key ({@code ApiKeyRequired}): a request without one
 *                       that a plan of the stage holds gets 403, and the key's plan throttles the request
 */
public record ApiRoute(String resourcePath, String httpMethod, String functionArn, ApiAuthorizer authorizer,
                       boolean apiKeyRequired) {

    /** A method that needs no usage-plan key. */
    public ApiRoute(String resourcePath, String httpMethod, String functionArn, ApiAuthorizer authorizer) {
        this(resourcePath, httpMethod, functionArn, authorizer, false);
    }
}
