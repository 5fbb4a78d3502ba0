package org.emotionanalyser.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OriginalNameTest {

    @Test
    void of_whenNameHasControlAndInvisibleCharacters_dropsThem() {
        assertThat(OriginalName.of("party\u0000\u0007\u001b[31m\u202Egpj.exe").value()).isEqualTo("party[31mgpj.exe");
    }

    @Test
    void of_whenNameIsAPath_keepsOnlyTheFileName() {
        assertThat(OriginalName.of("C:\\fakepath\\beach.jpg").value()).isEqualTo("beach.jpg");
        assertThat(OriginalName.of("../../etc/passwd").value()).isEqualTo("passwd");
    }

    @Test
    void of_whenNameHasRunsOfWhitespaceAndNewlines_collapsesThem() {
        assertThat(OriginalName.of("  team \r\n\t offsite.jpg  ").value()).isEqualTo("team offsite.jpg");
    }

    @Test
    void of_whenNameIsVeryLong_capsItsLength() {
        assertThat(OriginalName.of("x".repeat(5000) + ".jpg").value()).hasSize(OriginalName.MAX_LENGTH);
    }

    @Test
    void of_whenNothingPrintableRemains_rejectsIt() {
        assertThatThrownBy(() -> OriginalName.of("\u0000\u200B ")).isInstanceOf(InvalidUploadException.class);
        assertThatThrownBy(() -> OriginalName.of(null)).isInstanceOf(InvalidUploadException.class);
    }

    @Test
    void forMetadata_whenNameIsNotAscii_percentEncodesUtf8AndPercentSigns() {
        assertThat(OriginalName.of("café 100%.jpg").forMetadata()).isEqualTo("caf%C3%A9 100%25.jpg");
        assertThat(OriginalName.of("plain name (1).jpg").forMetadata()).isEqualTo("plain name (1).jpg");
    }
}
