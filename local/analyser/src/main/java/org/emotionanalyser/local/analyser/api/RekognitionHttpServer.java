package org.emotionanalyser.local.analyser.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A standalone HTTP endpoint for {@link RekognitionApi} on the JDK's HTTP server: every POST is one Rekognition call
 * routed by its {@code X-Amz-Target} header. Point an SDK client's {@code endpointOverride} at {@link #endpoint()}.
 */
public final class RekognitionHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private RekognitionHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts serving on {@code address} (port 0 picks a free port). */
    public static RekognitionHttpServer start(RekognitionApi api, InetSocketAddress address) {
        try {
            HttpServer server = HttpServer.create(address, 0);
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
            server.setExecutor(executor);
            server.createContext("/", exchange -> answer(api, exchange));
            server.start();
            return new RekognitionHttpServer(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + address + "; choose a free port.", e);
        }
    }

    /** The base URI clients use, e.g. {@code http://127.0.0.1:43123}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(RekognitionApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            ApiResult result = "POST".equals(exchange.getRequestMethod())
                    ? api.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body)
                    : api.handle(null, new byte[0]);
            result.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            byte[] bytes = result.bodyBytes();
            exchange.sendResponseHeaders(result.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
