package org.emotionanalyser.local.analyser.adapter;

import com.sun.net.httpserver.HttpServer;
import org.emotionanalyser.local.analyser.port.FetchedImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The S3 SDK client against a minimal S3-style endpoint answering GetObject as S3 does. */
class S3ImageFetcherTest {

    private static final String ETAG = "\"5289df737df57326fcdd22597afb1fac\"";
    private static final long LIMIT = 1024;
    /** Over {@link #LIMIT}; the server sends it with a declared length, or chunked (no length) for "streamed". */
    private static final byte[] LARGE = new byte[64 * 1024];

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private S3ImageFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/images/uploads/acme/large")) {
                exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
                exchange.sendResponseHeaders(200, path.endsWith("streamed.jpg") ? 0 : LARGE.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(LARGE);
                } catch (IOException clientClosedTheConnection) {
                    // expected: the fetcher aborts an oversized body instead of reading it
                }
                return;
            }
            boolean found = exchange.getRequestURI().getPath().equals("/images/uploads/acme/photo.jpg");
            if (found && ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                requests.add("304");
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            if (found) {
                exchange.getResponseHeaders().set("ETag", ETAG);
            }
            byte[] body = found ? new byte[] {1, 2, 3}
                    : "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", found ? "image/jpeg" : "application/xml");
            exchange.sendResponseHeaders(found ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        fetcher = S3ImageFetcher.fromEnvironment(env);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetch_whenTheObjectExists_returnsItsBytesUsingPathStyle() {
        assertThat(fetcher.fetch("images", "uploads/acme/photo.jpg", null)).hasValue(new byte[] {1, 2, 3});
        assertThat(requests).containsExactly("GET /images/uploads/acme/photo.jpg");
    }

    @Test
    void fetch_whenTheKeyIsMissing_returnsEmpty() {
        assertThat(fetcher.fetch("images", "uploads/acme/missing.jpg", null)).isEmpty();
    }

    @Test
    void fetch_whenAVersionIsGiven_asksForThatVersion() {
        fetcher.fetch("images", "uploads/acme/photo.jpg", "v42");

        assertThat(requests).singleElement().asString().contains("versionId=v42");
    }

    @Test
    void fetchIfChanged_whenNoETagIsKnown_returnsTheBytesAndTheObjectsETag() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/photo.jpg", null, null, LIMIT);

        assertThat(fetched).isInstanceOfSatisfying(FetchedImage.Found.class, found -> {
            assertThat(found.bytes()).containsExactly(1, 2, 3);
            assertThat(found.eTag()).isEqualTo(ETAG);
        });
    }

    @Test
    void fetchIfChanged_whenTheObjectStillHasTheKnownETag_answersUnchangedWithoutItsBytes() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/photo.jpg", null, ETAG, LIMIT);

        assertThat(fetched).isInstanceOf(FetchedImage.Unchanged.class);
        assertThat(requests).containsExactly("GET /images/uploads/acme/photo.jpg", "304");
    }

    @Test
    void fetchIfChanged_whenTheObjectHasAnotherETag_returnsItsBytes() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/photo.jpg", null, "\"older\"", LIMIT);

        assertThat(fetched).isInstanceOf(FetchedImage.Found.class);
    }

    @Test
    void fetchIfChanged_whenTheKeyIsMissing_answersMissing() {
        assertThat(fetcher.fetchIfChanged("images", "uploads/acme/missing.jpg", null, ETAG, LIMIT))
                .isSameAs(FetchedImage.MISSING);
    }

    @Test
    void fetchIfChanged_whenTheDeclaredLengthIsOverTheLimit_answersTooLargeWithThatSize() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/large.jpg", null, null, LIMIT);

        assertThat(fetched).isEqualTo(new FetchedImage.TooLarge(LARGE.length));
    }

    @Test
    void fetchIfChanged_whenNoLengthIsDeclaredAndTheBodyRunsOverTheLimit_answersTooLarge() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/large-streamed.jpg", null, null, LIMIT);

        assertThat(fetched).isEqualTo(new FetchedImage.TooLarge(-1));
    }

    @Test
    void fetchIfChanged_whenTheObjectIsWithinTheLimit_returnsAllItsBytes() {
        FetchedImage fetched = fetcher.fetchIfChanged("images", "uploads/acme/large.jpg", null, null, LARGE.length);

        assertThat(fetched).isInstanceOfSatisfying(FetchedImage.Found.class,
                found -> assertThat(found.bytes()).hasSize(LARGE.length));
    }
}
