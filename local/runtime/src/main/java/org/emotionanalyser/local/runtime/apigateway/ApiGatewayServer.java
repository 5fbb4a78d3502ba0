package org.emotionanalyser.local.runtime.apigateway;

import org.emotionanalyser.lambdasupport.concurrent.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.emotionanalyser.local.runtime.edge.LoopbackGuard;
import org.emotionanalyser.local.runtime.lambda.FunctionInvocationException;
import org.emotionanalyser.local.runtime.lambda.FunctionRegistry;
import org.emotionanalyser.local.runtime.lambda.LocalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * API Gateway (REST API) on loopback: matches each request to the template's resources and methods, runs the
 * method's Lambda authorizer first (401 for {@code Unauthorized}, 403 on deny, its context into the request
 * context on allow), invokes the proxy integration's function with the same event API Gateway builds, and writes
 * its proxy response back (base64 bodies decoded). Bodies over 10 MB get 413, unknown routes 403 "Missing
 * Authentication Token", as in API Gateway. Methods that require a usage-plan key are throttled as API Gateway
 * does: the key (the authorizer's {@code usageIdentifierKey}, or {@code x-api-key} with the key source
 * {@code HEADER}) must be an enabled key of a usage plan, else 403 {@code Forbidden}; a key over its plan's rate and
 * burst, or any request over the stage's limit, gets 429 {@code Too Many Requests}, before the integration runs.
 * It also answers CORS preflights, and serves the dashboard page at
 * {@code /} when the API has no method there. Requests addressed to another host name (DNS rebinding) and browser
 * requests from any origin but the dashboard's own are refused with 403 first (see {@link LoopbackGuard}).
 *
 * <p>Header names reach handlers in canonical form ({@code Content-Type}), whatever case the client used; API
 * Gateway keeps the client's case, so handlers must look headers up case-insensitively either way.
 */
public final class ApiGatewayServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final ApiDefinition api;
    private final RouteTable routes;
    private final FunctionRegistry functions;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ApiGatewayEvents events;
    private final byte[] dashboard;
    private final LoopbackGuard guard;
    private final UsagePlanStore usagePlans;
    private final RequestThrottles throttles;

    private ApiGatewayServer(ApiDefinition api, FunctionRegistry functions, HttpServer server,
                             ExecutorService executor, ApiGatewayEvents events, byte[] dashboard,
                             UsagePlanStore usagePlans) {
        this.api = api;
        this.usagePlans = usagePlans;
        this.throttles = new RequestThrottles(api.stageThrottle(), System::nanoTime);
        this.routes = new RouteTable(api.routes());
        this.functions = functions;
        this.server = server;
        this.executor = executor;
        this.events = events;
        this.dashboard = dashboard;
        this.guard = new LoopbackGuard(server.getAddress().getPort());
    }

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param port            0 for a free port
     * @param usagePlans      the API keys and usage plans that methods requiring a key are checked and throttled with
     * @param storageEndpoint where the functions' presigned S3 URLs point (the edge): the dashboard may connect there
     */
    public static ApiGatewayServer start(ApiDefinition api, FunctionRegistry functions, int port, String region,
                                         String accountId, UsagePlanStore usagePlans, URI storageEndpoint)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, DaemonThreads.named("api-gateway"));
        server.setExecutor(executor);
        ApiGatewayEvents events = new ApiGatewayEvents(api, region, accountId,
                "localhost:" + server.getAddress().getPort());
        byte[] dashboard;
        try (InputStream page = ApiGatewayServer.class.getResourceAsStream("/dashboard/index.html")) {
            dashboard = page == null ? null : dashboardConnectingTo(page.readAllBytes(), storageEndpoint);
        }
        ApiGatewayServer gateway = new ApiGatewayServer(api, functions, server, executor, events, dashboard,
                usagePlans);
        server.createContext("/", gateway::serve);
        server.start();
        return gateway;
    }

    /**
     * The dashboard page with {@code storageEndpoint}'s origin added to its Content-Security-Policy
     * {@code connect-src}, as deploy.sh adds the upload bucket's in AWS: the page sends a photo over the direct upload
     * limit with a presigned PUT there.
     *
     * @throws IllegalStateException when the page no longer has the {@code connect-src 'self';} this extends
     */
    static byte[] dashboardConnectingTo(byte[] page, URI storageEndpoint) {
        String html = new String(page, StandardCharsets.UTF_8);
        String origin = storageEndpoint.getScheme() + "://" + storageEndpoint.getRawAuthority();
        String extended = html.replace("connect-src 'self';", "connect-src 'self' " + origin + ";");
        if (extended.equals(html)) {
            throw new IllegalStateException("the dashboard page has no \"connect-src 'self';\" in its "
                    + "Content-Security-Policy to add " + origin + " to; restore it in dashboard/index.html");
        }
        return extended.getBytes(StandardCharsets.UTF_8);
    }

    /** The API's base URL, e.g. {@code http://localhost:8080}. */
    public URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void serve(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            Response response = respond(exchange, requestId);
            write(exchange, response, requestId);
        } catch (RuntimeException | IOException e) {
            LOG.error("request {} failed inside the API Gateway emulation", requestId, e);
        }
    }

    private Response respond(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        URI uri = exchange.getRequestURI();
        String path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
            return gatewayResponse("REQUEST_TOO_LARGE", 413, "Request Too Long", requestId);
        }
        HttpCall call = new HttpCall(method, path, uri.getRawQuery(), headers(exchange), body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        Optional<String> refusal = guard.refusal(call.header("Host").orElse(null),
                call.header("Origin").orElse(null), call.header("Sec-Fetch-Site").orElse(null), false);
        if (refusal.isPresent()) {
            LOG.warn("{} {} refused: {}", method, path, refusal.get());
            return Response.json(403, "{\"message\":" + JSON.getNodeFactory().textNode(refusal.get()) + "}");
        }
        if (method.equals("OPTIONS")) {
            return preflight(call);
        }
        Optional<RouteMatch> match = routes.match(method, path);
        if (match.isEmpty()) {
            if (dashboard != null && method.equals("GET") && (path.equals("/") || path.equals("/index.html"))) {
                return new Response(200, Map.of("Content-Type", "text/html; charset=utf-8"), dashboard);
            }
            return gatewayResponse("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", requestId);
        }
        Map<String, Object> authorizerContext = null;
        String usageKey = null;
        ApiAuthorizer authorizer = match.get().route().authorizer();
        if (authorizer != null) {
            Authorization authorization = authorize(call, match.get(), authorizer, requestId);
            if (authorization.denial() != null) {
                return authorization.denial();
            }
            authorizerContext = authorization.context();
            usageKey = authorization.usageIdentifierKey();
        }
        Optional<Response> throttled = throttle(call, match.get().route(), usageKey, requestId);
        if (throttled.isPresent()) {
            return throttled.get();
        }
        ObjectNode event = events.proxyEvent(call, match.get(), requestId, authorizerContext);
        LocalFunction function = functions.require(match.get().route().functionArn());
        String result;
        try {
            // As bytes, as Lambda's runtime reads it: an upload's base64 body is written once, never held as text.
            result = function.invoke(JSON.writeValueAsBytes(event));
        } catch (FunctionInvocationException e) {
            LOG.error("{} {} -> {} failed: {}", method, path, function.definition().name(), e.getMessage(),
                    e.getCause());
            return Response.json(502, "{\"message\": \"Internal server error\"}");
        }
        return proxyResponse(result, function.definition().name());
    }

    private record Authorization(Response denial, Map<String, Object> context, String usageIdentifierKey) {
    }

    /**
     * API Gateway's checks between the authorizer and the integration: a method that requires a key needs an enabled
     * key of a usage plan (else 403 Forbidden) that is within its plan's limit (else 429); every request must be
     * within the stage's limit (else 429).
     */
    private Optional<Response> throttle(HttpCall call, ApiRoute route, String authorizerUsageKey, String requestId) {
        if (route.apiKeyRequired()) {
            String key = ApiDefinition.AUTHORIZER.equals(api.apiKeySource()) ? authorizerUsageKey
                    : call.header("x-api-key").orElse(null);
            Optional<UsagePlanStore.Grant> grant = usagePlans.grantFor(key);
            if (grant.isEmpty()) {
                LOG.warn("{} {} refused: the method requires a usage-plan key and {}", call.method(), call.path(),
                        key == null ? "none was given" : "the key given is in no usage plan (or disabled)");
                return Optional.of(gatewayResponse("INVALID_API_KEY", 403, "Forbidden", requestId));
            }
            if (!throttles.keyAllows(key, grant.get())) {
                return Optional.of(gatewayResponse("THROTTLED", 429, "Too Many Requests", requestId));
            }
        }
        if (!throttles.stageAllows()) {
            return Optional.of(gatewayResponse("THROTTLED", 429, "Too Many Requests", requestId));
        }
        return Optional.empty();
    }

    private Authorization authorize(HttpCall call, RouteMatch match, ApiAuthorizer authorizer, String requestId) {
        for (String header : authorizer.identityHeaders()) {
            if (call.header(header).filter(v -> !v.isBlank()).isEmpty()) {
                return new Authorization(gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", requestId), null,
                        null);
            }
        }
        String tokenHeader = authorizer.identityHeaders().isEmpty() ? "Authorization"
                : authorizer.identityHeaders().get(0);
        ObjectNode event = events.authorizerEvent(call, match, requestId, authorizer.type(), tokenHeader);
        String result;
        try {
            result = functions.require(authorizer.functionArn()).invoke(event.toString());
        } catch (FunctionInvocationException e) {
            if ("Unauthorized".equals(e.errorMessage())) {
                return new Authorization(gatewayResponse("UNAUTHORIZED", 401, "Unauthorized", requestId), null,
                        null);
            }
            LOG.error("authorizer {} failed: {}", authorizer.name(), e.getMessage(), e.getCause());
            return new Authorization(gatewayResponse("AUTHORIZER_FAILURE", 500, null, requestId), null, null);
        }
        AuthorizerPolicy policy = AuthorizerPolicy.evaluate(result, events.methodArn(call));
        return switch (policy.decision()) {
            case ALLOW -> new Authorization(null, policy.authorizer(), policy.usageIdentifierKey());
            case EXPLICIT_DENY -> new Authorization(gatewayResponse("ACCESS_DENIED", 403,
                    "User is not authorized to access this resource with an explicit deny", requestId), null, null);
            case IMPLICIT_DENY -> new Authorization(gatewayResponse("ACCESS_DENIED", 403,
                    "User is not authorized to access this resource", requestId), null, null);
        };
    }

    /**
     * API Gateway's own answer to a failure of a type, customised by the template's gateway responses (its
     * {@code application/json} template, with {@code $context.error.message(String)} and
     * {@code $context.requestId} filled in), falling back to {@code DEFAULT_4XX}/{@code DEFAULT_5XX}.
     */
    Response gatewayResponse(String type, int status, String message, String requestId) {
        GatewayResponse custom = api.gatewayResponses().get(type);
        if (custom == null) {
            custom = api.gatewayResponses().get(status >= 500 ? "DEFAULT_5XX" : "DEFAULT_4XX");
        }
        String quoted = message == null ? "null" : JSON.getNodeFactory().textNode(message).toString();
        String body = "{\"message\":" + quoted + "}";
        Map<String, String> headers = new LinkedHashMap<>(Map.of("Content-Type", "application/json"));
        if (custom != null) {
            if (custom.statusCode() != null) {
                status = custom.statusCode();
            }
            if (custom.jsonTemplate() != null) {
                body = custom.jsonTemplate()
                        .replace("$context.error.messageString", quoted)
                        .replace("$context.error.message", message == null ? "" : message)
                        .replace("$context.requestId", requestId == null ? "" : requestId);
            }
            headers.putAll(custom.headers());
        }
        return new Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a function's proxy response; a malformed one is a 502, as API Gateway answers. */
    static Response proxyResponse(String result, String functionName) {
        JsonNode response;
        try {
            response = result == null ? null : JSON.readTree(result);
        } catch (IOException e) {
            response = null;
        }
        if (response == null || !response.path("statusCode").canConvertToInt()) {
            LOG.error("{} returned no proxy response (statusCode, headers, body): {}", functionName, result);
            return Response.json(502, "{\"message\": \"Internal server error\"}");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        response.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        response.path("multiValueHeaders").fields().forEachRemaining(h -> {
            List<String> values = new ArrayList<>();
            h.getValue().forEach(v -> values.add(v.asText()));
            headers.put(h.getKey(), String.join(",", values));
        });
        JsonNode bodyNode = response.path("body");
        byte[] body;
        if (bodyNode.isMissingNode() || bodyNode.isNull()) {
            body = new byte[0];
        } else if (response.path("isBase64Encoded").asBoolean(false)) {
            body = Base64.getDecoder().decode(bodyNode.asText());
        } else {
            body = bodyNode.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new Response(response.get("statusCode").asInt(), headers, body);
    }

    private Response preflight(HttpCall call) {
        List<String> methods = routes.methodsAt(call.path());
        if (methods.isEmpty()) {
            return gatewayResponse("MISSING_AUTHENTICATION_TOKEN", 403, "Missing Authentication Token", null);
        }
        List<String> allowed = new ArrayList<>(methods.contains("ANY")
                ? List.of("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD") : methods);
        allowed.add("OPTIONS");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Methods", String.join(",", allowed));
        headers.put("Access-Control-Allow-Headers", call.header("Access-Control-Request-Headers")
                .orElse("Authorization,Content-Type"));
        headers.put("Access-Control-Max-Age", "600");
        return new Response(204, headers, new byte[0]);
    }

    private static Map<String, List<String>> headers(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(canonical(name), List.copyOf(values)));
        return headers;
    }

    /** {@code content-type} -> {@code Content-Type}. */
    static String canonical(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return out.toString();
    }

    /** The body, or {@code null} when it is larger than API Gateway accepts. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length <= MAX_BODY_BYTES) {
            return body;
        }
        // Read the rest so the client, still sending, gets the 413 instead of a reset connection.
        in.transferTo(OutputStream.nullOutputStream());
        return null;
    }

    private void write(HttpExchange exchange, Response response, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        headers.set("x-amzn-RequestId", requestId);
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (guard.allowsOrigin(origin)) {
            // Only the dashboard's own origin reaches this point with an Origin (the guard refused the others).
            headers.set("Access-Control-Allow-Origin", origin);
            headers.add("Vary", "Origin");
        }
        if (!headers.containsKey("Content-type") && response.body().length > 0) {
            headers.set("Content-Type", "application/json");
        }
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI(), response.status());
    }

    /** An HTTP answer. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, String body) {
            return new Response(status, Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    public ApiDefinition api() {
        return api;
    }

    @Override
    public void close() {
        // No grace delay: the JDK server would wait it out for idle keep-alive connections too; requests being
        // handled still finish on the executor below.
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
