package org.emotionanalyser.local.runtime.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the events API Gateway (REST API, Lambda proxy integration) sends to functions: the proxy request event
 * and the REQUEST/TOKEN authorizer event, from a received {@link HttpCall}.
 */
public final class ApiGatewayEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final ApiDefinition api;
    private final String region;
    private final String accountId;
    private final String domainName;

    /**
     * @param domainName host and port the API is served on, reported in {@code requestContext.domainName}
     */
    public ApiGatewayEvents(ApiDefinition api, String region, String accountId, String domainName) {
        this.api = api;
        this.region = region;
        this.accountId = accountId;
        this.domainName = domainName;
    }

    /**
     * The proxy event: resource, path, method, headers (single and multi-value), query parameters (single and
     * multi-value), path parameters, the request context (with the authorizer's output, if any) and the body,
     * base64-encoded with {@code isBase64Encoded: true} when its content type is one of the binary media types.
     */
    public ObjectNode proxyEvent(HttpCall call, RouteMatch match, String requestId, Map<String, Object> authorizer) {
        ObjectNode event = JSON.createObjectNode();
        putRequest(event, call, match);
        ObjectNode context = requestContext(call, match, requestId);
        if (authorizer != null) {
            context.set("authorizer", JSON.valueToTree(authorizer));
        }
        event.set("requestContext", context);
        boolean binary = isBinary(call.header("Content-Type").orElse(null));
        if (call.body().length == 0) {
            event.putNull("body");
            event.put("isBase64Encoded", false);
        } else if (binary) {
            // A binary node: Jackson writes it as standard base64 (no line breaks) straight into the event's bytes,
            // with no base64 String of the photo in between (ApiGatewayServer writes the event with
            // writeValueAsBytes).
            event.put("body", call.body());
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", new String(call.body(), StandardCharsets.UTF_8));
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The event of a REQUEST authorizer (everything about the request but the body) or a TOKEN authorizer. */
    public ObjectNode authorizerEvent(HttpCall call, RouteMatch match, String requestId, String type,
                                      String tokenHeader) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", type);
        event.put("methodArn", methodArn(call));
        if (type.equals("TOKEN")) {
            event.put("authorizationToken", call.header(tokenHeader).orElse(null));
            return event;
        }
        putRequest(event, call, match);
        event.set("requestContext", requestContext(call, match, requestId));
        return event;
    }

    /** The request fields proxy and REQUEST-authorizer events share, in the order API Gateway writes them. */
    private static void putRequest(ObjectNode event, HttpCall call, RouteMatch match) {
        event.put("resource", match.route().resourcePath());
        event.put("path", call.path());
        event.put("httpMethod", call.method());
        putHeaders(event, call);
        putQuery(event, call.rawQuery());
        putMap(event, "pathParameters", match.pathParameters());
        event.putNull("stageVariables");
    }

    /** {@code arn:aws:execute-api:region:account:apiId/stage/METHOD/path}. */
    public String methodArn(HttpCall call) {
        String path = call.path().startsWith("/") ? call.path().substring(1) : call.path();
        return "arn:aws:execute-api:" + region + ":" + accountId + ":" + api.apiId() + "/" + api.stage() + "/"
                + call.method() + "/" + path;
    }

    /** Whether a content type is one of the API's binary media types ({@code image/*} style wildcards allowed). */
    public boolean isBinary(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (String binary : api.binaryMediaTypes()) {
            String b = binary.toLowerCase(Locale.ROOT);
            if (b.equals("*/*") || b.equals(type)
                    || b.endsWith("/*") && type.startsWith(b.substring(0, b.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode requestContext(HttpCall call, RouteMatch match, String requestId) {
        Instant now = Instant.now();
        ObjectNode context = JSON.createObjectNode();
        context.put("resourceId", Integer.toHexString(match.route().resourcePath().hashCode()));
        context.put("resourcePath", match.route().resourcePath());
        context.put("httpMethod", call.method());
        context.put("extendedRequestId", requestId);
        context.put("requestTime", REQUEST_TIME.format(now));
        context.put("path", "/" + api.stage() + call.path());
        context.put("accountId", accountId);
        context.put("protocol", "HTTP/1.1");
        context.put("stage", api.stage());
        context.put("domainPrefix", domainName.split("[.:]", 2)[0]);
        context.put("requestTimeEpoch", now.toEpochMilli());
        context.put("requestId", requestId);
        ObjectNode identity = context.putObject("identity");
        identity.put("sourceIp", call.sourceIp());
        identity.put("userAgent", call.header("User-Agent").orElse(null));
        context.put("domainName", domainName);
        context.put("apiId", api.apiId());
        return context;
    }

    private static void putHeaders(ObjectNode event, HttpCall call) {
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        call.headers().forEach((name, values) -> {
            if (!values.isEmpty()) {
                single.put(name, values.get(values.size() - 1));
                multi.put(name, values);
            }
        });
        putMap(event, "headers", single);
        putMap(event, "multiValueHeaders", multi);
    }

    private static void putQuery(ObjectNode event, String rawQuery) {
        Map<String, String> single = new LinkedHashMap<>();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                single.put(name, value);
                multi.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        putMap(event, "queryStringParameters", single);
        putMap(event, "multiValueQueryStringParameters", multi);
    }

    /** API Gateway sends {@code null}, not an empty object, when a map has no entries. */
    private static void putMap(ObjectNode event, String field, Map<String, ?> values) {
        if (values.isEmpty()) {
            event.putNull(field);
        } else {
            JsonNode node = JSON.valueToTree(values);
            event.set(field, node);
        }
    }
}
