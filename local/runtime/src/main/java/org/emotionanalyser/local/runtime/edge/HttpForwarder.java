package org.emotionanalyser.local.runtime.edge;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes a request byte for byte to a server on another loopback port and returns its answer.
 *
 * <p>Written on a plain socket rather than an HTTP client library because those rewrite the {@code Host} header,
 * and the services behind it use the Host the client saw: ElasticMQ builds queue URLs from it, and SigV4
 * signatures (presigned URLs included) cover it.
 */
public final class HttpForwarder implements EdgeService {

    private static final Set<String> REQUEST_HEADERS_NOT_COPIED = Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "expect", "upgrade", "proxy-connection", "te", "trailer");
    private static final int TIMEOUT_MILLIS = 60_000;

    private final int port;

    public HttpForwarder(int port) {
        this.port = port;
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(request).getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return readResponse(new BufferedInputStream(socket.getInputStream()), request.method());
        }
    }

    private static String requestHead(EdgeRequest request) {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.rawPath());
        if (request.rawQuery() != null) {
            head.append('?').append(request.rawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (REQUEST_HEADERS_NOT_COPIED.contains(header.getKey())) {
                continue;
            }
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (request.body().length > 0 || !Set.of("GET", "HEAD", "DELETE", "OPTIONS").contains(request.method())) {
            head.append("content-length: ").append(request.body().length).append("\r\n");
        }
        head.append("connection: close\r\n\r\n");
        return head.toString();
    }

    private static EdgeResponse readResponse(InputStream in, String method) throws IOException {
        String statusLine = readLine(in);
        // An interim 100 Continue may precede the real answer.
        Map<String, String> headers = new LinkedHashMap<>();
        int status = statusOf(statusLine);
        readHeaders(in, headers);
        while (status == 100) {
            headers.clear();
            status = statusOf(readLine(in));
            readHeaders(in, headers);
        }
        byte[] body;
        String length = find(headers, "content-length");
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(find(headers, "transfer-encoding"))) {
            body = readChunked(in);
            remove(headers, "transfer-encoding");
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length.trim()));
        } else {
            body = in.readAllBytes();
        }
        return new EdgeResponse(status, headers, body);
    }

    private static int statusOf(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    private static void readHeaders(InputStream in, Map<String, String> headers) throws IOException {
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                headers.merge(name, value, (a, b) -> a + ", " + b);
            }
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailers are dropped
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("the local service closed the connection without an answer");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String find(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static void remove(Map<String, String> headers, String name) {
        headers.keySet().removeIf(key -> key.toLowerCase(Locale.ROOT).equals(name));
    }
}
