package org.emotionanalyser.ingest.adapter;

import org.emotionanalyser.ingest.domain.ColourModel;
import org.emotionanalyser.ingest.domain.CorruptImageException;
import org.emotionanalyser.ingest.domain.ImageFormat;
import org.emotionanalyser.ingest.domain.ImageHeader;
import org.emotionanalyser.ingest.domain.TranscodedImage;
import org.emotionanalyser.ingest.testing.TestImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageIoCodecTest {

    private final ImageIoCodec codec = new ImageIoCodec();

    @Test
    void readHeader_whenRgbJpeg_reportsDimensionsAndEightBitRgb() {
        ImageHeader header = codec.readHeader(ImageFormat.JPEG, TestImages.jpeg(320, 240));

        assertThat(header).isEqualTo(new ImageHeader(320, 240, ColourModel.RGB, 8));
        assertThat(header.readableByRekognition(ImageFormat.JPEG)).isTrue();
    }

    @Test
    void readHeader_whenOnlyTheFirstBytesOfAJpeg_stillReadsTheDimensions() {
        byte[] jpeg = TestImages.jpeg(640, 480);

        ImageHeader header = codec.readHeader(ImageFormat.JPEG, TestImages.truncate(jpeg, 700));

        assertThat(header.width()).isEqualTo(640);
        assertThat(header.height()).isEqualTo(480);
    }

    @Test
    void readHeader_whenCmykJpeg_reportsCmykWhichRekognitionCannotRead() {
        ImageHeader header = codec.readHeader(ImageFormat.JPEG, TestImages.cmykJpeg(200, 150));

        assertThat(header.colourModel()).isEqualTo(ColourModel.CMYK);
        assertThat(header.readableByRekognition(ImageFormat.JPEG)).isFalse();
    }

    @Test
    void readHeader_whenPngWithAlpha_reportsRgbAlphaThatRekognitionReads() {
        ImageHeader header = codec.readHeader(ImageFormat.PNG, TestImages.pngWithAlpha(120, 90));

        assertThat(header).isEqualTo(new ImageHeader(120, 90, ColourModel.RGB_ALPHA, 8));
        assertThat(header.readableByRekognition(ImageFormat.PNG)).isTrue();
    }

    @Test
    void readHeader_when16BitPng_reportsSixteenBitsWhichRekognitionCannotRead() {
        ImageHeader header = codec.readHeader(ImageFormat.PNG, TestImages.png16Bit(100, 100));

        assertThat(header.bitsPerSample()).isEqualTo(16);
        assertThat(header.readableByRekognition(ImageFormat.PNG)).isFalse();
    }

    @Test
    void readHeader_whenWebp_readsTheHandWrittenLosslessHeader() {
        ImageHeader header = codec.readHeader(ImageFormat.WEBP, TestImages.webp(300, 200, 10, 20, 30));

        assertThat(header.width()).isEqualTo(300);
        assertThat(header.height()).isEqualTo(200);
    }

    @Test
    void readHeader_whenJpegCutInsideItsHeader_throwsCorrupt() {
        byte[] cut = TestImages.truncate(TestImages.jpeg(320, 240), 40);

        assertThatThrownBy(() -> codec.readHeader(ImageFormat.JPEG, cut)).isInstanceOf(CorruptImageException.class);
    }

    @Test
    void toJpeg_whenWebp_producesAJpegOfTheSameColourAndSize() throws IOException {
        TranscodedImage result = codec.toJpeg(ImageFormat.WEBP, TestImages.webp(300, 200, 200, 100, 50), 5_000_000);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(result.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(300);
        assertThat(decoded.getHeight()).isEqualTo(200);
        int rgb = decoded.getRGB(150, 100);
        assertThat((rgb >> 16) & 0xff).isBetween(190, 210);
        assertThat((rgb >> 8) & 0xff).isBetween(90, 110);
        assertThat(rgb & 0xff).isBetween(40, 60);
    }

    @Test
    void toJpeg_whenCmykJpeg_producesAThreeChannelJpeg() throws IOException {
        TranscodedImage result = codec.toJpeg(ImageFormat.JPEG, TestImages.cmykJpeg(200, 150), 5_000_000);

        ImageHeader header = codec.readHeader(ImageFormat.JPEG, result.jpeg());
        assertThat(header).isEqualTo(new ImageHeader(200, 150, ColourModel.RGB, 8));
        assertThat(result.original().colourModel()).isEqualTo(ColourModel.CMYK);
    }

    @Test
    void toJpeg_whenResultWouldExceedTheLimit_scalesDownUntilItFits() {
        byte[] bmp = TestImages.write(noisy(1200, 900), "bmp");

        TranscodedImage result = codec.toJpeg(ImageFormat.BMP, bmp, 150_000);

        assertThat(result.jpeg().length).isLessThanOrEqualTo(150_000);
        assertThat(result.width()).isLessThan(1200);
        assertThat((double) result.width() / result.height()).isCloseTo(4.0 / 3.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(result.original().width()).isEqualTo(1200);
    }

    private static BufferedImage noisy(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0xffffff));
            }
        }
        return image;
    }

    @Test
    void toJpeg_whenGifWiderThanRekognitionsLimit_downsizesWithinTheLimits() throws IOException {
        byte[] gif = TestImages.gif(12_000, 300);

        TranscodedImage jpeg = codec.toJpeg(ImageFormat.GIF, gif, 5_000_000);

        assertThat(jpeg.width()).isLessThanOrEqualTo(ImageHeader.MAX_SIDE);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(jpeg.width()).isLessThanOrEqualTo(ImageHeader.MAX_SIDE);
    }

    @Test
    void subsamplingWithinLimits_whenOverSideOrPixelBudget_picksTheSmallestStepThatFits() {
        assertThat(ImageIoCodec.subsamplingWithinLimits(8_000, 5_000)).isEqualTo(1);
        assertThat(ImageIoCodec.subsamplingWithinLimits(10_001, 100)).isEqualTo(2);
        assertThat(ImageIoCodec.subsamplingWithinLimits(9_000, 9_000)).isEqualTo(2);
        assertThat(ImageIoCodec.subsamplingWithinLimits(50_000, 1)).isEqualTo(5);
    }
}
