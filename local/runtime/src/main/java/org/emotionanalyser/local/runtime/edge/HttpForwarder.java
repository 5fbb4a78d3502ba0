package org.emotionanalyser.local.runtime.edge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 *
 * <p>Connections are kept alive and reused, as an HTTP client library would: a new TCP connection per request
 * made every forwarded call pay for a connect, a new connection on the service's side (Jetty's parser and
 * buffers, a Pekko HTTP stream) and a socket left in TIME_WAIT, about sixteen times per analysed photo. A
 * connection is reused only after an answer whose end its headers marked (a length, chunks, or no body) and which
 * did not say {@code Connection: close}. One left idle for {@link #MAX_IDLE} is closed instead of reused: the
 * services close idle connections only after 30 s or more, so a reused connection is never one being closed.
 * Should a reused connection still turn out closed before any byte of the answer, the request is sent again once
 * on a new connection, as HTTP clients do for a stale connection (the SDK would retry the resulting 500 anyway).
 */
public final class HttpForwarder implements EdgeService, AutoCloseable {

    private static final Set<String> REQUEST_HEADERS_NOT_COPIED = Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "expect", "upgrade", "proxy-connection", "te", "trailer");
    private static final int TIMEOUT_MILLIS = 60_000;
    /** How long a connection may wait for its next request; far below the services' own idle timeouts. */
    static final Duration MAX_IDLE = Duration.ofSeconds(5);
    /** Idle connections kept per service; as many as requests in flight at once, with room to spare. */
    private static final int MAX_IDLE_CONNECTIONS = 16;
    private static final String CLOSED_WITHOUT_ANSWER = "the local service closed the connection without an answer";

    private final int port;
    private final long maxIdleNanos;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public HttpForwarder(int port) {
        this(port, MAX_IDLE);
    }

    /** With another idle limit (tests). */
    HttpForwarder(int port, Duration maxIdle) {
        this.port = port;
        this.maxIdleNanos = maxIdle.toNanos();
    }

    @Override
    public EdgeResponse handle(EdgeRequest request) throws IOException {
        byte[] head = requestHead(request).getBytes(StandardCharsets.ISO_8859_1);
        Connection reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, head, request);
            } catch (StaleConnectionException stale) {
                // closed by the service before it answered: send it again on a new connection, below
            }
        }
        try {
            return exchange(open(), head, request);
        } catch (StaleConnectionException closedWithoutAnswer) {
            throw new IOException(CLOSED_WITHOUT_ANSWER, closedWithoutAnswer);
        }
    }

    /** Closes the idle connections; a request in flight closes its own when it ends. */
    @Override
    public void close() {
        List<Connection> toClose;
        synchronized (idle) {
            closed = true;
            toClose = new ArrayList<>(idle);
            idle.clear();
        }
        toClose.forEach(Connection::closeQuietly);
    }

    private EdgeResponse exchange(Connection connection, byte[] head, EdgeRequest request) throws IOException {
        boolean reusable = false;
        try {
            try {
                connection.out.write(head);
                connection.out.write(request.body());
                connection.out.flush();
            } catch (SocketException closedBeforeTheRequestWasWhole) {
                throw new StaleConnectionException(closedBeforeTheRequestWasWhole);
            }
            Answer answer = readResponse(connection.in, request.method());
            reusable = answer.reusable();
            return answer.response();
        } finally {
            if (reusable) {
                giveBack(connection);
            } else {
                connection.closeQuietly();
            }
        }
    }

    private Connection takeIdle() {
        List<Connection> expired = new ArrayList<>();
        Connection found = null;
        long now = System.nanoTime();
        synchronized (idle) {
            // the most recently used first: the others may then age out instead of being kept alive by rotation
            for (Connection candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
                if (now - candidate.idleSince <= maxIdleNanos) {
                    found = candidate;
                    break;
                }
                expired.add(candidate);
            }
        }
        expired.forEach(Connection::closeQuietly);
        return found;
    }

    private void giveBack(Connection connection) {
        connection.idleSince = System.nanoTime();
        synchronized (idle) {
            if (!closed && idle.size() < MAX_IDLE_CONNECTIONS) {
                idle.addFirst(connection);
                return;
            }
        }
        connection.closeQuietly();
    }

    private Connection open() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        try {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
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
        head.append("\r\n");
        return head.toString();
    }

    /** An answer, and whether its connection may carry another request. */
    private record Answer(EdgeResponse response, boolean reusable) {
    }

    private static Answer readResponse(InputStream in, String method) throws IOException {
        String statusLine = readStatusLine(in);
        // An interim 100 Continue may precede the real answer.
        Map<String, String> headers = new LinkedHashMap<>();
        int status = statusOf(statusLine);
        readHeaders(in, headers);
        while (status == 100) {
            headers.clear();
            statusLine = readLine(in);
            status = statusOf(statusLine);
            readHeaders(in, headers);
        }
        boolean reusable = statusLine.startsWith("HTTP/1.1 ")
                && !"close".equalsIgnoreCase(String.valueOf(find(headers, "connection")).trim());
        byte[] body;
        String length = find(headers, "content-length");
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(find(headers, "transfer-encoding"))) {
            body = readChunked(in);
            remove(headers, "transfer-encoding");
        } else if (length != null) {
            int expected = Integer.parseInt(length.trim());
            body = in.readNBytes(expected);
            if (body.length < expected) {
                throw new IOException("the local service closed the connection after " + body.length + " of "
                        + expected + " bytes of its answer");
            }
        } else {
            // delimited by the end of the connection, which is then used up
            body = in.readAllBytes();
            reusable = false;
        }
        return new Answer(new EdgeResponse(status, headers, body), reusable);
    }

    /** The first line of an answer; a connection closed before it is stale, whatever the request was. */
    private static String readStatusLine(InputStream in) throws IOException {
        try {
            return readLine(in);
        } catch (ClosedWithoutAnswerException | SocketException e) {
            throw new StaleConnectionException(e);
        }
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
            throw new ClosedWithoutAnswerException();
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

    /** One kept-alive connection to the service. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private long idleSince;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        }

        void closeQuietly() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to keep: the connection is being dropped
            }
        }
    }

    /** The service ended the connection where an answer should have begun. */
    private static final class ClosedWithoutAnswerException extends IOException {
        ClosedWithoutAnswerException() {
            super(CLOSED_WITHOUT_ANSWER);
        }
    }

    /** A connection found closed before any byte of the answer: the request may be sent again on a new one. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
