package org.emotionanalyser.local.runtime.edge;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.emotionanalyser.local.runtime.edge.LoopbackGuard;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single HTTP endpoint every client talks to. It reads the service name from the request's SigV4 credential
 * scope and hands the request to the service registered under that name. Requests addressed to another host name
 * (DNS rebinding) and browser requests from other sites are refused first (see {@link LoopbackGuard}).
 */
public final class EdgeServer implements AutoCloseable {

    /** Hop-by-hop and framing headers the edge sets itself. */
    private static final Set<String> RESPONSE_HEADERS_NOT_COPIED =
            Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date", "server");

    private final Map<String, EdgeService> services = new ConcurrentHashMap<>();
    private final Server server;
    private final ServerConnector connector;
    /** Set once the port is known; requests before that are refused. */
    private volatile LoopbackGuard guard;

    private EdgeServer(int port) {
        // Each SQS long poll holds a thread for up to 20 s; local pollers run one per queue.
        QueuedThreadPool threads = new QueuedThreadPool(256, 4);
        threads.setName("local-aws-edge");
        threads.setReservedThreads(0);
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // S3 keys may contain encoded slashes, dot segments and empty segments; they must reach S3Proxy untouched.
        http.setUriCompliance(UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(64 * 1024);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new EdgeHandler());
        server.setStopTimeout(2_000);
    }

    public static EdgeServer start(int port) throws IOException {
        EdgeServer edge = new EdgeServer(port);
        try {
            edge.server.start();
            edge.guard = new LoopbackGuard(edge.port());
        } catch (Exception e) {
            try {
                edge.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IOException("the edge endpoint could not listen on 127.0.0.1:" + port
                    + " (is another local stack running? pass another port or 0 for a free one): " + e.getMessage(), e);
        }
        return edge;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Lets pages of {@code origin} (the dashboard's) call the services from a browser. */
    public void allowOrigin(URI origin) {
        guard.allowOrigin(origin);
    }

    public void register(String signingName, EdgeService service) {
        services.put(signingName.toLowerCase(Locale.ROOT), service);
    }

    @Override
    public void close() throws Exception {
        JettyServers.stop(server);
    }

    private final class EdgeHandler extends Handler.Abstract {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String method = request.getMethod();
            String origin = request.getHeaders().get("Origin");
            LoopbackGuard current = guard;
            String query = request.getHttpURI().getQuery();
            boolean presignedRead = ("GET".equals(method) || "HEAD".equals(method)) && query != null
                    && query.contains("X-Amz-Signature=");
            Optional<String> refusal = current == null ? Optional.of("the edge is still starting")
                    : current.refusal(request.getHeaders().get(HttpHeader.HOST), origin,
                    request.getHeaders().get("Sec-Fetch-Site"), presignedRead);
            boolean loopbackOrigin = refusal.isEmpty() && current.allowsOrigin(origin);
            boolean preflight = loopbackOrigin && "OPTIONS".equals(method)
                    && request.getHeaders().get("Access-Control-Request-Method") != null;
            EdgeResponse answer;
            try {
                answer = refusal.isPresent() ? AwsErrors.json(403, "AccessDenied", refusal.get())
                        : preflight ? preflight(request) : route(toEdgeRequest(request));
            } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // One request's failure, even out of memory, is that request's 500: the edge keeps serving the rest.
                answer = AwsErrors.internal(e);
            }
            response.setStatus(answer.status());
            if (loopbackOrigin) {
                response.getHeaders().put("Access-Control-Allow-Origin", origin);
                response.getHeaders().put("Access-Control-Expose-Headers", "ETag, x-amz-request-id, x-amz-version-id");
                response.getHeaders().put("Vary", "Origin");
            }
            boolean sawLength = false;
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("content-length") && "HEAD".equals(method)) {
                    // A HEAD answer carries the length of the body a GET would return (the CLI sizes downloads by it).
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, header.getValue());
                    sawLength = true;
                } else if (!RESPONSE_HEADERS_NOT_COPIED.contains(name)
                        // The edge answers cross-origin questions itself, not the service behind it.
                        && (preflight || !(loopbackOrigin && name.startsWith("access-control-")))) {
                    response.getHeaders().add(header.getKey(), header.getValue());
                }
            }
            if ("HEAD".equals(method)) {
                if (!sawLength) {
                    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                }
                response.write(true, ByteBuffer.allocate(0), callback);
            } else {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
            }
            return true;
        }

        private EdgeResponse route(EdgeRequest request) throws IOException {
            String serviceName = ServiceNames.of(request);
            EdgeService service = serviceName == null ? null : services.get(serviceName);
            return service == null ? AwsErrors.unknownService(serviceName, services.keySet()) : service.handle(request);
        }

        /** Lets pages served from this machine (the dashboard) call the services, e.g. PUT to a presigned URL. */
        private EdgeResponse preflight(Request request) {
            String headers = request.getHeaders().get("Access-Control-Request-Headers");
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("Access-Control-Allow-Methods", "GET, PUT, POST, DELETE, HEAD");
            if (headers != null) {
                answer.put("Access-Control-Allow-Headers", headers);
            }
            answer.put("Access-Control-Max-Age", "600");
            return new EdgeResponse(200, answer, new byte[0]);
        }

        private EdgeRequest toEdgeRequest(Request request) throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (HttpField field : request.getHeaders()) {
                headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>()).add(field.getValue());
            }
            byte[] body = Content.Source.asInputStream(request).readAllBytes();
            return new EdgeRequest(request.getMethod(), request.getHttpURI().getPath(),
                    request.getHttpURI().getQuery(), headers, body);
        }
    }
}
