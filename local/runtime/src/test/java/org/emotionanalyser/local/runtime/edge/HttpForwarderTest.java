package org.emotionanalyser.local.runtime.edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpForwarderTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private ScriptedService service;
    private HttpForwarder forwarder;

    @AfterEach
    void stop() throws IOException {
        if (forwarder != null) {
            forwarder.close();
        }
        if (service != null) {
            service.close();
        }
    }

    @Test
    void handle_whenCalledTwice_sendsBothRequestsOnOneConnection() throws Exception {
        service = new ScriptedService(request -> new Reply(OK, false));
        forwarder = new HttpForwarder(service.port());

        EdgeResponse first = forwarder.handle(post("/one", "a"));
        EdgeResponse second = forwarder.handle(post("/two", "b"));

        assertThat(body(first)).isEqualTo("ok");
        assertThat(body(second)).isEqualTo("ok");
        assertThat(service.connections()).isEqualTo(1);
        assertThat(service.requests()).extracting(Received::line)
                .containsExactly("POST /one HTTP/1.1", "POST /two HTTP/1.1");
        assertThat(service.requests()).extracting(Received::head).noneMatch(head -> head.contains("connection:"));
        assertThat(service.requests()).extracting(Received::body).containsExactly("a", "b");
    }

    @Test
    void handle_whenTheServiceClosedTheKeptConnection_sendsTheRequestOnceOnANewOne() throws Exception {
        // answers without announcing the close, as a service ending an idle connection would
        service = new ScriptedService(request -> new Reply(OK, true));
        forwarder = new HttpForwarder(service.port());
        forwarder.handle(post("/one", "a"));
        service.awaitClosed(1);

        EdgeResponse second = forwarder.handle(post("/two", "b"));

        assertThat(body(second)).isEqualTo("ok");
        assertThat(service.connections()).isEqualTo(2);
        assertThat(service.requests()).extracting(Received::line)
                .containsExactly("POST /one HTTP/1.1", "POST /two HTTP/1.1");
    }

    @Test
    void handle_whenTheAnswerSaysConnectionClose_sendsTheNextRequestOnANewConnection() throws Exception {
        service = new ScriptedService(request ->
                new Reply("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", false));
        forwarder = new HttpForwarder(service.port());

        forwarder.handle(post("/one", "a"));
        forwarder.handle(post("/two", "b"));

        assertThat(service.connections()).isEqualTo(2);
        assertThat(service.requests()).extracting(Received::connection).containsExactly(1, 2);
    }

    @Test
    void handle_whenTheAnswerHasNoLength_readsItToTheEndOfTheConnection() throws Exception {
        service = new ScriptedService(request -> new Reply("HTTP/1.1 200 OK\r\n\r\nuntil the end", true));
        forwarder = new HttpForwarder(service.port());

        EdgeResponse first = forwarder.handle(post("/one", "a"));
        EdgeResponse second = forwarder.handle(post("/two", "b"));

        assertThat(body(first)).isEqualTo("until the end");
        assertThat(body(second)).isEqualTo("until the end");
        assertThat(service.requests()).extracting(Received::connection).containsExactly(1, 2);
    }

    @Test
    void handle_whenTheAnswerIsChunked_joinsTheChunksAndKeepsTheConnection() throws Exception {
        service = new ScriptedService(request -> new Reply("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2;name=value\r\nde\r\n0\r\n\r\n", false));
        forwarder = new HttpForwarder(service.port());

        EdgeResponse first = forwarder.handle(post("/one", "a"));
        EdgeResponse second = forwarder.handle(post("/two", "b"));

        assertThat(body(first)).isEqualTo("abcde");
        assertThat(first.headers()).doesNotContainKey("Transfer-Encoding");
        assertThat(body(second)).isEqualTo("abcde");
        assertThat(service.connections()).isEqualTo(1);
    }

    @Test
    void handle_whenAConnectionWasIdleLongerThanTheLimit_closesItAndOpensANewOne() throws Exception {
        service = new ScriptedService(request -> new Reply(OK, false));
        forwarder = new HttpForwarder(service.port(), Duration.ZERO);
        forwarder.handle(post("/one", "a"));
        Thread.sleep(2);

        forwarder.handle(post("/two", "b"));

        assertThat(service.requests()).extracting(Received::connection).containsExactly(1, 2);
        service.awaitClosed(1);
    }

    @Test
    void handle_whenANewConnectionIsClosedWithoutAnAnswer_failsNamingIt() throws Exception {
        service = new ScriptedService(request -> new Reply("", true));
        forwarder = new HttpForwarder(service.port());

        assertThatThrownBy(() -> forwarder.handle(post("/one", "a")))
                .isInstanceOf(IOException.class)
                .hasMessage("the local service closed the connection without an answer");
        assertThat(service.requests()).hasSize(1);
    }

    @Test
    void handle_whenTheAnswerEndsBeforeItsLength_failsInsteadOfReturningPartOfIt() throws Exception {
        service = new ScriptedService(request -> new Reply("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", true));
        forwarder = new HttpForwarder(service.port());

        assertThatThrownBy(() -> forwarder.handle(post("/one", "a")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("after 5 of 10 bytes");
    }

    @Test
    void close_closesTheIdleConnections() throws Exception {
        service = new ScriptedService(request -> new Reply(OK, false));
        forwarder = new HttpForwarder(service.port());
        forwarder.handle(post("/one", "a"));

        forwarder.close();

        service.awaitClosed(1);
    }

    private static EdgeRequest post(String path, String body) {
        return new EdgeRequest("POST", path, null, Map.of("host", List.of("127.0.0.1:4566")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(EdgeResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** What the service answers, and whether it then closes the connection without saying so. */
    private record Reply(String raw, boolean thenClose) {
    }

    /** A request as the service read it; connections are numbered from 1 in the order they were accepted. */
    private record Received(int connection, String line, String head, String body) {
    }

    private interface Script {
        Reply answer(Received request);
    }

    /** A loopback HTTP/1.1 service answering each request from a script, one thread per connection. */
    private static final class ScriptedService implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Script script;
        private final List<Received> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final List<CountDownLatch> closed = new CopyOnWriteArrayList<>();

        ScriptedService(Script script) throws IOException {
            this.script = script;
            Thread acceptor = new Thread(this::accept, "scripted-service");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return accepted.size();
        }

        List<Received> requests() {
            return requests;
        }

        /** Waits until connection {@code number} has been closed, by either side. */
        void awaitClosed(int number) throws InterruptedException {
            assertThat(closed.get(number - 1).await(5, TimeUnit.SECONDS))
                    .as("connection %d closed", number).isTrue();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    CountDownLatch done = new CountDownLatch(1);
                    closed.add(done);
                    int number = accepted.size();
                    Thread serving = new Thread(() -> serve(socket, number, done), "scripted-connection-" + number);
                    serving.setDaemon(true);
                    serving.start();
                }
            } catch (IOException stopped) {
                // the test is over
            }
        }

        private void serve(Socket socket, int number, CountDownLatch done) {
            try (socket) {
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    int length = 0;
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    Received request = new Received(number, head.substring(0, head.indexOf("\r\n")), head, body);
                    requests.add(request);
                    Reply reply = script.answer(request);
                    out.write(reply.raw().getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (reply.thenClose()) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the connection ended
            } finally {
                done.countDown();
            }
        }

        /** The request line and headers, or {@code null} when the connection ended first. */
        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    return text;
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }
}
