package org.emotionanalyser.lambdasupport.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

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
    void fromEnvironment_whenRegionIsMissing_failsNamingTheVariable() {
        assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }
}
