package org.emotionanalyser.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageHeaderTest {

    @Test
    void overLimits_whenOneSideIsOverTenThousand_namesRekognitionsPerSideLimitAndTheFix() {
        ImageHeader header = new ImageHeader(20_000, 20_000, ColourModel.GRAY, 8);

        assertThat(header.overLimits()).get().asString()
                .contains("20000x20000", "at most 10000 pixels per side", "resize it");
    }

    @Test
    void overLimits_whenSidesAllowedButPixelsOverBudget_namesTheMegapixelBudget() {
        ImageHeader header = new ImageHeader(9_000, 9_000, ColourModel.RGB, 8);

        assertThat(header.overLimits()).get().asString().contains("81 megapixels", "limit of 40 megapixels");
    }

    @Test
    void overLimits_whenExactlyAtBothLimits_isEmpty() {
        assertThat(new ImageHeader(10_000, 4_000, ColourModel.RGB, 8).overLimits()).isEmpty();
        assertThat(new ImageHeader(80, 10_000, ColourModel.RGB, 8).overLimits()).isEmpty();
    }
}
