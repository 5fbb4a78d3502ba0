package org.emotionanalyser.local.analyser.domain;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RgbImageTest {

    /**
     * The CRC-32 of every float the resampling below returns, bit for bit, as the straightforward per-sample code
     * (commit fdde534) computed them. The face and person detectors, the embedder and the emotion classifiers see
     * these pixels, so a faster resampler must give exactly these values: any other value can move a detection or a
     * score and with it the accuracy figures in BENCHMARKS.md.
     */
    private static final long RESAMPLED_CHECKSUM = 3075484205L;

    @Test
    void crop_whenUpscalingTwoPixels_interpolatesBetweenThemAndRepeatsTheEdge() {
        RgbImage image = new RgbImage(2, 1, new float[] {0, 0, 0, 100, 100, 100});

        RgbImage wide = image.resize(4, 1);

        // output pixel centres at source x = -0.25, 0.25, 0.75, 1.25: the outer two repeat the edge pixels
        assertThat(channel(wide, 0)).containsExactly(0f, 25f, 75f, 100f);
    }

    @Test
    void cropOnBackground_whenTheRegionReachesOutside_fillsTheOutsideWithTheGreyLevel() {
        RgbImage image = new RgbImage(2, 2, new float[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200});

        RgbImage padded = image.cropOnBackground(-1.5, 0, 2.5, 2, 4, 2, 50f);

        // output pixel centres at source x = -1.5, -0.5, 0.5, 1.5
        assertThat(padded.at(0, 0, 1)).as("outside").isEqualTo(50f);
        assertThat(padded.at(1, 1, 1)).as("half outside, half inside").isEqualTo(125f);
        assertThat(padded.at(2, 1, 1)).as("inside").isEqualTo(200f);
    }

    @Test
    void rotatedCrop_whenTurnedAQuarter_turnsTheContent() {
        // a 2 x 2 image: red top-left, everything else black
        float[] rgb = new float[12];
        rgb[0] = 255;
        RgbImage image = new RgbImage(2, 2, rgb);

        RgbImage turned = image.rotatedCrop(1, 1, 2, Math.PI / 2, 2);

        // the crop's axes turned clockwise by 90 degrees: the image's top-left pixel lands at the crop's bottom-left
        assertThat(turned.at(0, 1, 0)).isCloseTo(255f, within(1e-3f));
        assertThat(turned.at(0, 0, 0)).isCloseTo(0f, within(1e-3f));
        assertThat(turned.at(1, 0, 0)).isCloseTo(0f, within(1e-3f));
    }

    @Test
    void resampling_whenRunOnAFixedImage_givesTheSameValuesBitForBit() {
        RgbImage image = randomImage(37, 23, 7);

        assertThat(checksumOfResamplings(image)).isEqualTo(RESAMPLED_CHECKSUM);
    }

    @Test
    void resampling_whenTheImageKeepsTheDecodersBytes_givesTheSameValuesBitForBit() {
        BufferedImage decoded = asBufferedImage(randomImage(37, 23, 7), BufferedImage.TYPE_3BYTE_BGR);

        RgbImage image = RgbImage.fromBufferedImage(decoded);

        assertThat(checksumOfResamplings(image)).isEqualTo(RESAMPLED_CHECKSUM);
        assertThat(image.toGray(1f, 0f)).containsExactly(randomImage(37, 23, 7).toGray(1f, 0f));
    }

    @Test
    void fromBufferedImage_whenTheImageIsNotThreeBytesPerPixel_readsTheSameValues() {
        BufferedImage decoded = asBufferedImage(randomImage(37, 23, 7), BufferedImage.TYPE_INT_RGB);

        RgbImage image = RgbImage.fromBufferedImage(decoded);

        assertThat(checksumOfResamplings(image)).isEqualTo(RESAMPLED_CHECKSUM);
    }

    private static long checksumOfResamplings(RgbImage image) {
        CRC32 checksum = new CRC32();
        add(checksum, image.resize(16, 16));
        add(checksum, image.resize(91, 50));
        add(checksum, image.crop(3.3, 2.1, 30.7, 19.9, 12, 9));
        add(checksum, image.crop(-10.5, -4.25, 20.75, 40.5, 17, 21));
        add(checksum, image.crop(20, 10, 60, 30, 8, 8));
        add(checksum, image.cropOnBackground(-10.5, -4.25, 20.75, 40.5, 17, 21, 127.5f));
        add(checksum, image.cropOnBackground(0, 0, 37, 23, 37, 23, 0f));
        add(checksum, image.cropOnBackground(30, 15, 50, 35, 10, 10, 127.5f));
        add(checksum, image.rotatedCrop(18.2, 11.7, 15.5, 0.3, 14));
        add(checksum, image.rotatedCrop(2, 3, 20, -1.2, 9));
        add(checksum, image.rotatedCrop(36, 22, 8, Math.PI, 5));
        add(checksum, image.mirrored());
        return checksum.getValue();
    }

    /** The image as ImageIO would decode it, in {@code type}. */
    private static BufferedImage asBufferedImage(RgbImage image, int type) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), type);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out.setRGB(x, y, (int) image.at(x, y, 0) << 16 | (int) image.at(x, y, 1) << 8 | (int) image.at(x, y, 2));
            }
        }
        return out;
    }

    private static RgbImage randomImage(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] rgb = new float[width * height * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(256);
        }
        return new RgbImage(width, height, rgb);
    }

    private static void add(CRC32 checksum, RgbImage image) {
        float[] values = image.toNhwc(1f, 0f);
        for (float value : values) {
            int bits = Float.floatToRawIntBits(value);
            checksum.update(bits >>> 24);
            checksum.update(bits >>> 16);
            checksum.update(bits >>> 8);
            checksum.update(bits);
        }
        checksum.update(image.width());
        checksum.update(image.height());
    }

    private static float[] channel(RgbImage image, int c) {
        float[] out = new float[image.width() * image.height()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out[y * image.width() + x] = image.at(x, y, c);
            }
        }
        return out;
    }
}
