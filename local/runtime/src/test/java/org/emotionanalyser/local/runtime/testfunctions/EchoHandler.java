package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A proxy handler that answers with what it received: binary bodies are sent back as they came (base64, so the
 * gateway must decode them), anything else as a JSON description of the event.
 */
public final class EchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EchoHandler(Map<String, String> env) {
        TestFunctionCalls.ENVIRONMENTS.put(EchoHandler.class.getName(), env);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/octet-stream"))
                    .withBody(event.getBody()).withIsBase64Encoded(true);
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("resource", event.getResource());
        seen.put("path", event.getPath());
        seen.put("pathParameters", event.getPathParameters());
        seen.put("query", event.getMultiValueQueryStringParameters());
        seen.put("authorizer", event.getRequestContext().getAuthorizer());
        seen.put("body", event.getBody());
        seen.put("functionName", context.getFunctionName());
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody(JSON.writeValueAsString(seen));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
