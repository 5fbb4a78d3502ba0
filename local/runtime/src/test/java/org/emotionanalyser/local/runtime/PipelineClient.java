package org.emotionanalyser.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The API calls a user makes against a running local stack, over HTTP. */
final class PipelineClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Attempts after a 429 before the answer is taken as it is. */
    private static final int THROTTLED_ATTEMPTS = 40;
    /** Every 429 this client has been answered, retried or not. */
    private final AtomicLong throttledAnswers = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;
    private final String adminKey;

    PipelineClient(URI api, String adminKey) {
        this.api = api;
        this.adminKey = adminKey;
    }

    /** The test photos the analyser module's build fetched; the test fails (never fakes) without them. */
    static Path photo(String name) {
        Path folder = Path.of(System.getProperty("analyser.test.photos", "../analyser/target/test-photos"));
        Path photo = folder.resolve(name);
        assertThat(photo).as("test photo " + name + " from the analyser module's build; build local/analyser "
                + "first (mvn -pl local/analyser package) so target/test-photos holds real photos with faces")
                .isRegularFile();
        return photo;
    }

    /** Creates a tenant with the admin key and returns its API key. */
    String createTenant(String tenantId) {
        JsonNode created = send("POST", "/tenants", adminKey, "application/json",
                "{\"tenantId\":\"" + tenantId + "\",\"name\":\"" + tenantId + "\"}", 201);
        return created.path("apiKey").asText();
    }

    JsonNode subscribe(String tenantId, String key, String subscriptionJson) {
        return send("POST", "/tenants/" + tenantId + "/subscriptions", key, "application/json", subscriptionJson,
                201);
    }

    /** Uploads a photo with PUT and returns its image id. */
    String upload(String tenantId, String key, Path photo) {
        HttpResponse<String> response = retryingThrottled(() -> request("/tenants/" + tenantId + "/images/"
                + photo.getFileName(), key).header("Content-Type", "image/jpeg")
                .PUT(HttpRequest.BodyPublishers.ofFile(photo)).build());
        assertThat(response.statusCode()).as("upload answer %s", response.body()).isEqualTo(202);
        return read(response.body()).path("imageId").asText();
    }

    /** Uploads bytes with PUT under {@code name} and returns the image id. */
    String upload(String tenantId, String key, String name, byte[] image, String contentType) {
        HttpResponse<String> response = retryingThrottled(() -> request("/tenants/" + tenantId + "/images/" + name,
                key).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(image)).build());
        assertThat(response.statusCode()).as("upload answer %s", response.body()).isEqualTo(202);
        return read(response.body()).path("imageId").asText();
    }

    /** Polls the catalogue until the image is recorded, analysed or rejected. */
    JsonNode awaitRecorded(String tenantId, String key, String imageId, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = raw("GET", "/tenants/" + tenantId + "/images/" + imageId, key, null,
                    null);
            if (response.statusCode() == 200) {
                return read(response.body());
            }
            LocalRuntimeIntegrationTest.sleep(250);
        }
        throw new AssertionError("image " + imageId + " was not recorded within " + within);
    }

    /** Polls the catalogue until the image is recorded; fails with the rejection when it was rejected. */
    JsonNode awaitAnalysed(String tenantId, String key, String imageId, Duration within) {
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> response = raw("GET", "/tenants/" + tenantId + "/images/" + imageId, key, null,
                    null);
            if (response.statusCode() == 200) {
                JsonNode image = read(response.body());
                assertThat(image.path("status").asText()).as("image %s: %s", imageId, response.body())
                        .isEqualTo("ANALYZED");
                return image;
            }
            LocalRuntimeIntegrationTest.sleep(250);
        }
        throw new AssertionError("image " + imageId + " was not analysed within " + within);
    }

    JsonNode get(String path, String key) {
        return send("GET", path, key, null, null, 200);
    }

    JsonNode send(String method, String path, String key, String contentType, String body, int expectedStatus) {
        HttpResponse<String> response = raw(method, path, key, contentType, body);
        assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body())
                .isEqualTo(expectedStatus);
        return read(response.body());
    }

    /**
     * One request, sent again while API Gateway answers 429 (the tenant is over its usage plan's rate), as a client
     * should: a 429 asks to retry later. Tests that look at the 429 itself use {@link #once}.
     */
    HttpResponse<String> raw(String method, String path, String key, String contentType, String body) {
        return retryingThrottled(() -> build(method, path, key, contentType, body));
    }

    /** One request, answered as it is (a 429 included). */
    HttpResponse<String> once(String method, String path, String key, String contentType, String body) {
        return sendOnce(build(method, path, key, contentType, body));
    }

    private HttpRequest build(String method, String path, String key, String contentType, String body) {
        HttpRequest.Builder builder = request(path, key).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.build();
    }

    /** Sends the request until it is not throttled, waiting a little longer each time (at most about 30 s). */
    private HttpResponse<String> retryingThrottled(RequestFactory request) {
        try {
            HttpResponse<String> response = sendOnce(request.build());
            for (int attempt = 1; response.statusCode() == 429 && attempt <= THROTTLED_ATTEMPTS; attempt++) {
                LocalRuntimeIntegrationTest.sleep(Math.min(100L * attempt, 1_000L));
                response = sendOnce(request.build());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many requests API Gateway has answered 429 so far (each one ran the authorizer first, as in AWS). */
    long throttledAnswers() {
        return throttledAnswers.get();
    }

    private HttpResponse<String> sendOnce(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                throttledAnswers.incrementAndGet();
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Builds a request anew for each attempt (a body publisher of a file is read once per request). */
    @FunctionalInterface
    private interface RequestFactory {
        HttpRequest build() throws IOException;
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
