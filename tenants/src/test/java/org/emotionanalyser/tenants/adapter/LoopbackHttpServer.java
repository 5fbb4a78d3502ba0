package org.emotionanalyser.tenants.adapter;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP plumbing the adapter tests' fake AWS endpoints share: a JDK server on a free loopback port that hands
 * every request to one handler, and decoding of URL-encoded query strings and form bodies.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;

    private LoopbackHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port that passes every request to {@code handler}. */
    public static LoopbackHttpServer start(HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.start();
        return new LoopbackHttpServer(server);
    }

    /** The base URL to point an SDK client's endpoint override at. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * The parameters of a URL query string or {@code application/x-www-form-urlencoded} body, decoded, in order;
     * a name without {@code =} maps to the empty string.
     */
    static Map<String, String> formParameters(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
