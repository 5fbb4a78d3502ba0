package org.emotionanalyser.ingest;

import org.emotionanalyser.ingest.domain.ImageDelivery;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestConfigTest {

    private final Map<String, String> env = new HashMap<>(Map.of(
            "AWS_REGION", "eu-west-1",
            "UPLOAD_BUCKET", "emotion-analyser-dev-images-1a2b3c",
            "EVENT_BUS_NAME", "emotion-analyser-dev-bus"));

    @Test
    void fromEnvironment_whenOnlyRequiredValuesAreSet_usesTheDocumentedDefaults() {
        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertThat(config.personConfidenceThreshold()).isEqualTo(90);
        assertThat(config.defaultEmotionThreshold()).isEqualTo(50);
        assertThat(config.maxImageBytes()).isEqualTo(15_728_640L);
        assertThat(config.minImageDimension()).isEqualTo(80);
        assertThat(config.analyzerName()).isEqualTo("rekognition");
        assertThat(config.maxDirectUploadBytes()).isEqualTo(4_500_000);
        assertThat(config.eventBusName()).isEqualTo("emotion-analyser-dev-bus");
    }

    @Test
    void imageDelivery_whenEverythingIsRealAws_referencesStoredObjects() {
        assertThat(IngestConfig.fromEnvironment(env).imageDelivery()).isEqualTo(ImageDelivery.STORED_OBJECT);
    }

    @Test
    void imageDelivery_whenLocalStoreButRealRekognition_sendsBytesBecauseRekognitionCannotReadTheLocalStore() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        env.put("AWS_ENDPOINT_URL_REKOGNITION", "aws");

        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertThat(config.rekognition().endpoint()).isEmpty();
        assertThat(config.imageDelivery()).isEqualTo(ImageDelivery.BYTES);
    }

    @Test
    void imageDelivery_whenTheAnalyserIsLocal_sendsBytes() {
        env.put("AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:4599");

        assertThat(IngestConfig.fromEnvironment(env).imageDelivery()).isEqualTo(ImageDelivery.BYTES);
    }

    @Test
    void imageDelivery_whenOneLocalEndpointServesBothStoreAndAnalyser_referencesStoredObjects() {
        // local mode: the edge serves S3 and the local analyser, which reads the local store itself
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");

        assertThat(IngestConfig.fromEnvironment(env).imageDelivery()).isEqualTo(ImageDelivery.STORED_OBJECT);
    }

    @Test
    void imageDelivery_whenStoreAndAnalyserAreDifferentLocalEndpoints_sendsBytes() {
        env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:4566");
        env.put("AWS_ENDPOINT_URL_REKOGNITION", "http://127.0.0.1:4599");

        assertThat(IngestConfig.fromEnvironment(env).imageDelivery()).isEqualTo(ImageDelivery.BYTES);
    }

    @Test
    void eventBusName_whenUnset_failsNamingTheVariableOnlyWhenAsked() {
        env.remove("EVENT_BUS_NAME");
        IngestConfig config = IngestConfig.fromEnvironment(env);

        assertThatThrownBy(config::eventBusName).hasMessageContaining("EVENT_BUS_NAME");
    }

    @Test
    void fromEnvironment_whenUploadBucketIsMissing_failsNamingIt() {
        env.remove("UPLOAD_BUCKET");

        assertThatThrownBy(() -> IngestConfig.fromEnvironment(env)).hasMessageContaining("UPLOAD_BUCKET");
    }

    @Test
    void fromEnvironment_whenAThresholdIsOutOfRange_failsNamingIt() {
        env.put("PERSON_CONFIDENCE_THRESHOLD", "120");

        assertThatThrownBy(() -> IngestConfig.fromEnvironment(env))
                .hasMessageContaining("PERSON_CONFIDENCE_THRESHOLD").hasMessageContaining("0 to 100");
    }

    @Test
    void fromEnvironment_whenASizeIsNotANumber_failsNamingIt() {
        env.put("MAX_IMAGE_BYTES", "15MB");

        assertThatThrownBy(() -> IngestConfig.fromEnvironment(env)).hasMessageContaining("MAX_IMAGE_BYTES");
    }
}
