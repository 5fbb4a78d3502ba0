package org.emotionanalyser.tenants.adapter;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * A loopback server speaking the part of the S3 REST API (path-style) that the tenant adapters use: put, head,
 * list (v2), multi-object delete, and the bucket lifecycle configuration, kept in memory for one bucket. Requests
 * are recorded as {@code "METHOD path?query"}.
 */
final class InMemoryS3Server implements AutoCloseable {

    final TreeMap<String, byte[]> objects = new TreeMap<>();
    final Map<String, String> contentTypes = new LinkedHashMap<>();
    /** The lifecycle configuration XML as last put, or {@code null} when the bucket has none. */
    String lifecycle;
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** False to answer lifecycle calls like S3-compatible stores without that API do (501). */
    boolean lifecycleSupported = true;

    private final LoopbackHttpServer server;
    private final String bucket;

    InMemoryS3Server(String bucket) {
        this.bucket = bucket;
        server = LoopbackHttpServer.start(this::handle);
    }

    String endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() {
        server.close();
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
            requests.add(method + " " + rawPath + (query.isEmpty() ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String prefix = "/" + bucket;
            String key = rawPath.length() > prefix.length() + 1
                    ? URLDecoder.decode(rawPath.substring(prefix.length() + 1), StandardCharsets.UTF_8) : null;
            Map<String, String> params = LoopbackHttpServer.formParameters(query);
            if (key == null && params.containsKey("lifecycle")) {
                lifecycle(exchange, method, body);
            } else if (key == null && params.containsKey("delete")) {
                deleteObjects(exchange, body);
            } else if (key == null && "GET".equals(method)) {
                list(exchange, params.getOrDefault("prefix", ""));
            } else if ("PUT".equals(method)) {
                objects.put(key, decodeChunked(exchange, body));
                contentTypes.put(key, exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.getResponseHeaders().add("ETag", "\"etag\"");
                send(exchange, 200, "");
            } else if ("HEAD".equals(method)) {
                byte[] object = objects.get(key);
                if (object == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(object.length));
                exchange.getResponseHeaders().add("Last-Modified", "Sat, 21 Nov 2026 01:00:00 GMT");
                exchange.sendResponseHeaders(200, -1);
            } else {
                send(exchange, 501, error("NotImplemented", method + " " + rawPath));
            }
        }
    }

    /** The SDK streams bodies with aws-chunked encoding and a trailing checksum; keep only the payload. */
    private static byte[] decodeChunked(HttpExchange exchange, byte[] body) {
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        boolean chunked = (encoding != null && encoding.contains("aws-chunked"))
                || (sha != null && sha.startsWith("STREAMING-"));
        if (!chunked) {
            return body;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int position = 0;
        while (position < body.length) {
            int lineEnd = indexOf(body, position);
            String header = new String(body, position, lineEnd - position, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, int from) {
        for (int i = from; i < body.length - 1; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return body.length;
    }

    private void lifecycle(HttpExchange exchange, String method, byte[] body) throws IOException {
        if (!lifecycleSupported) {
            send(exchange, 501, error("NotImplemented", "A header you provided implies functionality that is not "
                    + "implemented"));
            return;
        }
        switch (method) {
            case "GET" -> {
                if (lifecycle == null) {
                    send(exchange, 404, error("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"));
                } else {
                    send(exchange, 200, lifecycle);
                }
            }
            case "PUT" -> {
                lifecycle = new String(decodeChunked(exchange, body), StandardCharsets.UTF_8);
                send(exchange, 200, "");
            }
            case "DELETE" -> {
                lifecycle = null;
                exchange.sendResponseHeaders(204, -1);
            }
            default -> send(exchange, 405, error("MethodNotAllowed", method));
        }
    }

    private void list(HttpExchange exchange, String prefix) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult "
                + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket + "</Name><Prefix>" + prefix
                + "</Prefix><IsTruncated>false</IsTruncated>");
        int count = 0;
        for (Map.Entry<String, byte[]> entry : objects.tailMap(prefix).entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            count++;
            xml.append("<Contents><Key>").append(entry.getKey()).append("</Key><LastModified>")
                    .append(Instant.parse("2026-11-21T01:00:00Z")).append("</LastModified><ETag>\"etag\"</ETag><Size>")
                    .append(entry.getValue().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        xml.append("<KeyCount>").append(count).append("</KeyCount></ListBucketResult>");
        send(exchange, 200, xml.toString());
    }

    private void deleteObjects(HttpExchange exchange, byte[] body) throws IOException {
        try {
            Document request = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(decodeChunked(exchange, body)));
            NodeList keys = request.getElementsByTagName("Key");
            List<String> deleted = new ArrayList<>();
            for (int i = 0; i < keys.getLength(); i++) {
                deleted.add(keys.item(i).getTextContent());
                objects.remove(keys.item(i).getTextContent());
            }
            send(exchange, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DeleteResult "
                    + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"></DeleteResult>");
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            send(exchange, 400, error("MalformedXML", e.getMessage()));
        }
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>r</RequestId></Error>";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        exchange.getResponseHeaders().add("x-amz-request-id", "r");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
