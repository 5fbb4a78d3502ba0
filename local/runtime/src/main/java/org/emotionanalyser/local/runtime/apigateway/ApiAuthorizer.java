package org.emotionanalyser.local.runtime.apigateway;

import java.util.List;

/**
 * An {@code AWS::ApiGateway::Authorizer}.
 *
 * @param name            authorizer name
 * @param type            {@code REQUEST} or {@code TOKEN}
 * @param functionArn     the authorizer function
 * @param identityHeaders headers named by {@code IdentitySource} ({@code method.request.header.X}); a request
 *                        missing one is answered 401 without calling the function, as API Gateway does
 */
public record ApiAuthorizer(String name, String type, String functionArn, List<String> identityHeaders) {
}
