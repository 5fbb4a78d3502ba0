package org.emotionanalyser.ingest.testing;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny AWS endpoint on 127.0.0.1 for running the real SDK clients - signing, protocols, error unmarshalling -
 * without AWS:
 * <ul>
 *     <li>JSON-protocol calls (Rekognition, EventBridge) are answered by operation ({@code X-Amz-Target}) with
 *     recorded responses; each operation answers its scripted replies in order and repeats the last one.
 *     {@code PutEvents} accepts everything unless scripted otherwise.</li>
 *     <li>Path-style S3 {@code HEAD} and {@code GET} (with {@code Range}) of objects added with
 *     {@link #putObject}, and S3's bare 404 / {@code NoSuchKey} for others.</li>
 * </ul>
 */
public final class AwsReplayServer implements AutoCloseable {

    /** One scripted HTTP reply. */
    public record Reply(int status, String body) {
        public static Reply ok(String resource) {
            return new Reply(200, EventFixtures.text(resource));
        }

        public static Reply error(int status, String resource) {
            return new Reply(status, EventFixtures.text(resource));
        }
    }

    /** One JSON-protocol request the server received, by operation name (e.g. {@code DetectLabels}). */
    public record Request(String operation, String body) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final String PUT_EVENTS_OK =
            "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}";

    private final HttpServer server;
    private final Map<String, Deque<Reply>> script = new ConcurrentHashMap<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<String> s3Requests = new ArrayList<>();
    private volatile int s3FailureStatus;

    public AwsReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The client settings of a function whose AWS endpoint is this server (region eu-west-1, test keys). */
    public AwsClientSettings clientSettings() {
        return AwsClientSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
    }

    /** Scripts an operation's replies, e.g. {@code on("DetectLabels", Reply.ok("rekognition/x.json"))}. */
    public AwsReplayServer on(String operation, Reply... replies) {
        script.put(operation, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    public AwsReplayServer putObject(String bucket, String key, byte[] bytes) {
        objects.put(bucket + "/" + key, bytes.clone());
        return this;
    }

    /** Makes every S3 request fail with this status (0 to stop). */
    public void failS3With(int status) {
        s3FailureStatus = status;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized long requestsFor(String operation) {
        return requests.stream().filter(request -> request.operation().equals(operation)).count();
    }

    /** S3 requests as {@code METHOD key [range]}. */
    public synchronized List<String> s3Requests() {
        return List.copyOf(s3Requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null) {
            handleS3(exchange);
            return;
        }
        String operation = target.substring(target.indexOf('.') + 1);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            requests.add(new Request(operation, body));
        }
        Deque<Reply> replies = script.get(operation);
        Reply reply;
        if (replies == null || replies.isEmpty()) {
            reply = "PutEvents".equals(operation) ? new Reply(200, PUT_EVENTS_OK)
                    : new Reply(400, "{\"__type\":\"InvalidParameterException\",\"Message\":\"no scripted reply for "
                    + operation + "\"}");
        } else {
            reply = replies.size() > 1 ? replies.poll() : replies.peek();
        }
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", "6f4c1b1e-0d2a-4c1e-9d8a-5c3f0b1a2e7d");
        send(exchange, reply.status(), reply.body().getBytes(StandardCharsets.UTF_8));
    }

    private void handleS3(HttpExchange exchange) throws IOException {
        String path = URLDecoder.decode(exchange.getRequestURI().getRawPath().replace("+", "%2B"),
                StandardCharsets.UTF_8).substring(1);
        String method = exchange.getRequestMethod();
        String range = exchange.getRequestHeaders().getFirst("Range");
        synchronized (this) {
            s3Requests.add(method + " " + path + (range == null ? "" : " " + range));
        }
        exchange.getRequestBody().readAllBytes();
        if (s3FailureStatus != 0) {
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            send(exchange, s3FailureStatus, "HEAD".equals(method) ? new byte[0]
                    : s3Error("SlowDown", "Please reduce your request rate."));
            return;
        }
        byte[] object = objects.get(path);
        if (object == null) {
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            send(exchange, 404, "HEAD".equals(method) ? new byte[0]
                    : s3Error("NoSuchKey", "The specified key does not exist."));
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(Arrays.hashCode(object)) + "\"");
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Last-Modified", "Sat, 21 Nov 2026 10:15:30 GMT");
        if ("HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.length));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            return;
        }
        Matcher matcher = range == null ? null : RANGE.matcher(range);
        if (matcher != null && matcher.matches()) {
            int from = Integer.parseInt(matcher.group(1));
            int to = (int) Math.min(object.length - 1L, Long.parseLong(matcher.group(2)));
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + object.length);
            send(exchange, 206, Arrays.copyOfRange(object, from, to + 1));
            return;
        }
        send(exchange, 200, object);
    }

    private static byte[] s3Error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
