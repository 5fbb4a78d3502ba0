package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.local.analyser.TestPhotos;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class ExifOrientationTest {

    /** APP1 "Exif" segment, little-endian TIFF, IFD0 with one entry: Orientation (0x0112), SHORT, value 6. */
    private static final byte[] APP1_ORIENTATION_6 = HexFormat.of().parseHex(
            "ffe10022" + "457869660000" + "49492a0008000000" + "0100" + "120103000100000006000000" + "00000000");

    @Test
    void decode_whenTheJpegSaysTurnClockwise_returnsTheImageTurnedUpright() {
        // stored sideways: 40 x 20, left half red, right half blue; turned clockwise the red half is on top
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 20; y++) {
                stored.setRGB(x, y, (x < 20 ? Color.RED : Color.BLUE).getRGB());
            }
        }
        byte[] jpeg = withSegmentAfterSoi(TestPhotos.jpeg(stored), APP1_ORIENTATION_6);

        RgbImage image = RgbImage.decode(jpeg);

        assertThat(ExifOrientation.of(jpeg)).isEqualTo(6);
        assertThat(image.width()).isEqualTo(20);
        assertThat(image.height()).isEqualTo(40);
        assertThat(image.at(10, 5, 0)).as("red at the top").isGreaterThan(200);
        assertThat(image.at(10, 35, 2)).as("blue at the bottom").isGreaterThan(200);
    }

    @Test
    void of_whenTheJpegHasNoExif_isNormal() {
        BufferedImage plain = new BufferedImage(8, 4, BufferedImage.TYPE_3BYTE_BGR);

        assertThat(ExifOrientation.of(TestPhotos.jpeg(plain))).isEqualTo(ExifOrientation.NORMAL);
        assertThat(RgbImage.decode(TestPhotos.jpeg(plain)).width()).isEqualTo(8);
    }

    /** The JPEG saying, in its EXIF, that it must be turned clockwise (orientation 6) for display. */
    static byte[] turnedClockwise(byte[] jpeg) {
        return withSegmentAfterSoi(jpeg, APP1_ORIENTATION_6);
    }

    private static byte[] withSegmentAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }
}
