package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.ingest.testing.TestImages;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFormatTest {

    @Test
    void detect_whenGivenEachFormatsBytes_recognisesItByMagicBytes() {
        assertThat(ImageFormat.detect(TestImages.jpeg(10, 10))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.detect(TestImages.png(10, 10))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.detect(TestImages.gif(10, 10))).contains(ImageFormat.GIF);
        assertThat(ImageFormat.detect(TestImages.bmp(10, 10))).contains(ImageFormat.BMP);
        assertThat(ImageFormat.detect(TestImages.webp(10, 10, 1, 2, 3))).contains(ImageFormat.WEBP);
    }

    @Test
    void detect_whenBytesAreTextOrTooShort_findsNothing() {
        assertThat(ImageFormat.detect(TestImages.text())).isEmpty();
        assertThat(ImageFormat.detect(new byte[]{(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageFormat.detect("RIFF\0\0\0\0WAVE".getBytes())).isEmpty();
        assertThat(ImageFormat.detect(new byte[0])).isEmpty();
    }

    @Test
    void fromMediaType_whenCaseAndParametersVary_acceptsTheImageTypes() {
        assertThat(ImageFormat.fromMediaType("Image/JPEG; charset=binary")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromMediaType("image/jpg")).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.fromMediaType("image/webp")).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.fromMediaType("image/svg+xml")).isEmpty();
        assertThat(ImageFormat.fromMediaType("application/octet-stream")).isEmpty();
    }
}
