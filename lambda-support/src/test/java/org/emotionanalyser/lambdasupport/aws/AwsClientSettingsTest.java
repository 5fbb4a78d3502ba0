package org.emotionanalyser.lambdasupport.aws;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientSettingsTest {

    private static final Map<String, String> LOCAL = Map.of(
            "AWS_REGION", "eu-west-1",
            "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
            "AWS_ACCESS_KEY_ID", "local",
            "AWS_SECRET_ACCESS_KEY", "local",
            "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000",
            "AWS_ENDPOINT_URL_REKOGNITION", "aws");

    @Test
    void forService_whenTheServiceHasAnOverride_usesItAndOtherServicesKeepTheCommonEndpoint() {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(LOCAL);

        assertThat(settings.forService(AwsClientSettings.S3).endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.forService(AwsClientSettings.SNS).endpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.forService(AwsClientSettings.REKOGNITION).endpoint()).isEmpty();
        assertThat(settings.forService(AwsClientSettings.DYNAMODB).endpoint()).isPresent();
    }

    @Test
    void s3Presigner_whenS3IsLocal_signsPathStyleUrlsAgainstTheS3Override() {
        try (S3Presigner presigner = AwsClientSettings.fromEnvironment(LOCAL).s3Presigner()) {
            String url = presigner.presignGetObject(get -> get.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(object -> object.bucket("images").key("uploads/acme/a.jpg"))).url().toString();

            assertThat(url).startsWith("http://127.0.0.1:9000/images/uploads/acme/a.jpg?");
        }
    }

    @Test
    void build_whenAnEndpointNeverAnswers_endsTheCallAtItsTimeoutEvenAfterAnotherClientWasClosed() throws Exception {
        // A server that accepts connections and never answers: only the call timeout can end the call.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of(
                    "AWS_REGION", "eu-west-1",
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:" + silent.getLocalPort(),
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local"));
            // The clients of one function share one timer; closing one client must not stop it for the others.
            settings.s3(Duration.ofSeconds(1)).close();

            try (S3Client s3 = settings.s3(Duration.ofSeconds(1))) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> s3.headBucket(b -> b.bucket("images")))
                        .isInstanceOf(ApiCallTimeoutException.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            }
        }
    }

    @Test
    void s3_whenLocalS3IsUnsigned_sendsPutObjectWithoutSignatureOrPayloadHash() throws Exception {
        Map<String, String> put = putObjectHeaders(Map.of(AwsClientSettings.LOCAL_S3_UNSIGNED, "true"));

        assertThat(put).doesNotContainKey("authorization");
        assertThat(put.get("x-amz-content-sha256")).startsWith("STREAMING-UNSIGNED-PAYLOAD");
    }

    @Test
    void s3_whenLocalS3IsNotUnsigned_signsPutObjectAndItsPayload() throws Exception {
        Map<String, String> put = putObjectHeaders(Map.of());

        assertThat(put.get("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=local/");
        assertThat(put.get("x-amz-content-sha256")).startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
    }

    @Test
    void s3_whenS3IsTheRealServiceButLocalS3IsUnsigned_keepsSigning() {
        Map<String, String> env = new HashMap<>(LOCAL);
        env.put("AWS_ENDPOINT_URL_S3", "aws");
        env.put(AwsClientSettings.LOCAL_S3_UNSIGNED, "true");

        try (S3Client s3 = AwsClientSettings.fromEnvironment(env).s3(Duration.ofSeconds(5))) {
            assertThat(s3.serviceClientConfiguration().credentialsProvider())
                    .isNotInstanceOf(AnonymousCredentialsProvider.class);
        }
    }

    /** The headers (names in lower case) of one PutObject sent through {@code s3()} to a local endpoint. */
    private static Map<String, String> putObjectHeaders(Map<String, String> extraEnv) throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                exchange.getRequestHeaders().forEach((name, values) ->
                        seen.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            }
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("ETag", "\"0\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            Map<String, String> env = new HashMap<>(extraEnv);
            env.put("AWS_REGION", "eu-west-1");
            env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getAddress().getPort());
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            try (S3Client s3 = AwsClientSettings.fromEnvironment(env).s3(Duration.ofSeconds(10))) {
                s3.putObject(b -> b.bucket("images").key("uploads/acme/a.jpg"),
                        RequestBody.fromBytes(new byte[64 * 1024]));
            }
        } finally {
            server.stop(0);
        }
        assertThat(seen).as("the PutObject reached the server").isNotEmpty();
        return seen;
    }

    @Test
    void build_whenTheServiceOverrideNamesAnInProcessClient_returnsThatClientInsteadOfBuildingOne() {
        S3Client inProcess = new UnusedS3Client();
        URI address = InProcessClients.register(AwsClientSettings.S3, inProcess);
        try {
            Map<String, String> env = new HashMap<>(LOCAL);
            env.put("AWS_ENDPOINT_URL_S3", address.toString());
            AwsClientSettings settings = AwsClientSettings.fromEnvironment(env);

            assertThat(settings.build(AwsClientSettings.S3, S3Client.builder(), Duration.ofSeconds(5)))
                    .isSameAs(inProcess);
            assertThat(settings.s3(Duration.ofSeconds(5))).isSameAs(inProcess);
        } finally {
            InProcessClients.unregister(address);
        }
    }

    @Test
    void build_whenTheInProcessClientIsAnotherServices_failsNamingBothServices() {
        URI address = InProcessClients.register(AwsClientSettings.DYNAMODB, new UnusedS3Client());
        try {
            Map<String, String> env = new HashMap<>(LOCAL);
            env.put("AWS_ENDPOINT_URL_S3", address.toString());

            assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(env).s3(Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is a DYNAMODB client, not a S3 client");
        } finally {
            InProcessClients.unregister(address);
        }
    }

    @Test
    void build_whenTheInProcessClientWasUnregistered_failsSayingToSetAnHttpEndpoint() {
        URI address = InProcessClients.register(AwsClientSettings.S3, new UnusedS3Client());
        InProcessClients.unregister(address);
        Map<String, String> env = new HashMap<>(LOCAL);
        env.put("AWS_ENDPOINT_URL_S3", address.toString());

        assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(env).s3(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no in-process client is registered at " + address)
                .hasMessageContaining("http://");
    }

    @Test
    void build_whenTheCommonEndpointNamesAnInProcessClient_failsAskingForAPerServiceOverride() {
        URI address = InProcessClients.register(AwsClientSettings.SNS, new UnusedS3Client());
        try {
            Map<String, String> env = new HashMap<>(LOCAL);
            env.put("AWS_ENDPOINT_URL", address.toString());

            assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(env)
                    .build(AwsClientSettings.SNS, S3Client.builder(), Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("AWS_ENDPOINT_URL_<SERVICE>");
        } finally {
            InProcessClients.unregister(address);
        }
    }

    /** A client that is never called: only its identity matters. */
    private static final class UnusedS3Client implements S3Client {
        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void fromEnvironment_whenRegionIsMissing_failsNamingTheVariable() {
        assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }
}
