package org.emotionanalyser.tenants.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP server that answers SNS Query-protocol {@code Publish} calls like SNS does and keeps each call's
 * form parameters, so tests can see exactly what went over the wire.
 */
public final class RecordingSnsServer implements AutoCloseable {

    private final HttpServer server;
    private final List<Map<String, String>> publishes = new CopyOnWriteArrayList<>();

    public RecordingSnsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = parse(form);
            byte[] response;
            int status;
            if ("Publish".equals(params.get("Action"))) {
                publishes.add(params);
                status = 200;
                response = ("<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                        + "<MessageId>m-" + publishes.size() + "</MessageId></PublishResult><ResponseMetadata>"
                        + "<RequestId>r-" + publishes.size() + "</RequestId></ResponseMetadata></PublishResponse>")
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                status = 400;
                response = ("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>only Publish</Message></Error><RequestId>r</RequestId></ErrorResponse>")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, response.length);
            exchange.getResponseBody().write(response);
            exchange.close();
        });
        server.start();
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    /** The endpoint to give the SDK client. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Each Publish call's form parameters, in arrival order. */
    public List<Map<String, String>> publishes() {
        return List.copyOf(publishes);
    }

    /**
     * The message attributes of one Publish call as name -> [DataType, StringValue], decoded from the
     * {@code MessageAttributes.entry.N.*} parameters.
     */
    public static Map<String, List<String>> attributes(Map<String, String> publish) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (int n = 1; publish.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
            String prefix = "MessageAttributes.entry." + n + ".";
            attributes.put(publish.get(prefix + "Name"), List.of(publish.get(prefix + "Value.DataType"),
                    publish.get(prefix + "Value.StringValue")));
        }
        return attributes;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
