package org.emotionanalyser.tenants;

import org.emotionanalyser.router.domain.Emotion;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantsConfigTest {

    @Test
    void defaults_whenOptionalVariablesAreUnset_areTheDocumentedOnes() {
        TenantsConfig config = TenantsConfig.fromEnvironment(Map.of());

        assertThat(config.defaultEmotionThreshold()).isEqualTo(50.0);
        assertThat(config.defaultRetentionDays()).isEqualTo(30);
        assertThat(config.dlqMaxReceiveCount()).isEqualTo(5);
    }

    @Test
    void requiredVariable_whenUnset_failsOnlyWhenAskedForAndNamesIt() {
        TenantsConfig config = TenantsConfig.fromEnvironment(Map.of("IMAGES_TABLE", "p-images"));

        assertThat(config.imagesTable()).isEqualTo("p-images");
        assertThatThrownBy(config::adminKeySha256)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ADMIN_KEY_SHA256 is not set");
    }

    @Test
    void emotionTable_whenPrefixSet_appendsTheLowercaseEmotion() {
        TenantsConfig config = TenantsConfig.fromEnvironment(Map.of("EMOTION_TABLE_PREFIX", "p-emotion-"));

        assertThat(config.emotionTable(Emotion.HAPPY)).isEqualTo("p-emotion-happy");
    }

    @Test
    void fromEnvironment_whenNumbersAreMalformedOrOutOfRange_failsNamingTheVariable() {
        assertThatThrownBy(() -> TenantsConfig.fromEnvironment(Map.of("DEFAULT_EMOTION_THRESHOLD", "120")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEFAULT_EMOTION_THRESHOLD");
        assertThatThrownBy(() -> TenantsConfig.fromEnvironment(Map.of("DEFAULT_RETENTION_DAYS", "-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DEFAULT_RETENTION_DAYS");
        assertThatThrownBy(() -> TenantsConfig.fromEnvironment(Map.of("DLQ_MAX_RECEIVE_COUNT", "five")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("DLQ_MAX_RECEIVE_COUNT");
    }

    @Test
    void fromEnvironment_whenNumbersAreSet_usesThem() {
        TenantsConfig config = TenantsConfig.fromEnvironment(Map.of("DEFAULT_EMOTION_THRESHOLD", "72.5",
                "DEFAULT_RETENTION_DAYS", "0", "DLQ_MAX_RECEIVE_COUNT", "3"));

        assertThat(config.defaultEmotionThreshold()).isEqualTo(72.5);
        assertThat(config.defaultRetentionDays()).isZero();
        assertThat(config.dlqMaxReceiveCount()).isEqualTo(3);
    }
}
