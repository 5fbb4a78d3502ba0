package org.emotionanalyser.local.runtime.apigateway;


import java.util.Map;

/**
 * A request matched to a method of the API.
 *
 * @param route          the matched method
 * @param pathParameters values of the resource's path parameters, decoded
 */
public record RouteMatch(ApiRoute route, Map<String, String> pathParameters) {
}
