package org.emotionanalyser.lambdasupport.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

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
        assertThat(settings.isLocal(AwsClientSettings.REKOGNITION)).isFalse();
        assertThat(settings.isLocal(AwsClientSettings.DYNAMODB)).isTrue();
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
    void fromEnvironment_whenRegionIsMissing_failsNamingTheVariable() {
        assertThatThrownBy(() -> AwsClientSettings.fromEnvironment(Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("AWS_REGION");
    }
}
