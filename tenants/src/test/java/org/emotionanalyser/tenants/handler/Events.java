package org.emotionanalyser.tenants.handler;

import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.HashMap;
import java.util.Map;

/** Raw AWS event fixtures from {@code src/test/resources/events/}, parsed the way the Lambda runtime parses them. */
final class Events {

    private Events() {
    }

    static APIGatewayProxyRequestEvent proxy(String name) {
        return load(name, APIGatewayProxyRequestEvent.class);
    }

    static APIGatewayCustomAuthorizerEvent authorizer(String name) {
        return load(name, APIGatewayCustomAuthorizerEvent.class);
    }

    static ScheduledEvent scheduled(String name) {
        return load(name, ScheduledEvent.class);
    }

    /** The fixture as another tenant's key would send it (same path, other caller). */
    static APIGatewayProxyRequestEvent asTenant(APIGatewayProxyRequestEvent event, String callerTenant) {
        Map<String, Object> authorizer = new HashMap<>(event.getRequestContext().getAuthorizer());
        authorizer.put("role", "tenant");
        authorizer.put("tenantId", callerTenant);
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    /** The fixture with the path's tenant (or another path parameter) replaced. */
    static APIGatewayProxyRequestEvent withPath(APIGatewayProxyRequestEvent event, String name, String value) {
        Map<String, String> params = new HashMap<>(event.getPathParameters());
        params.put(name, value);
        event.setPathParameters(params);
        return event;
    }

    static APIGatewayProxyRequestEvent withQuery(APIGatewayProxyRequestEvent event, Map<String, String> query) {
        event.setQueryStringParameters(query);
        return event;
    }

    private static <T> T load(String name, Class<T> type) {
        return EventFixtures.event(name + ".json", type);
    }
}
