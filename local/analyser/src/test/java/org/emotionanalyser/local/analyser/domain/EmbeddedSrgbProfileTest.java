package org.emotionanalyser.local.analyser.domain;

import org.emotionanalyser.local.analyser.TestPhotos;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JPEG's embedded sRGB profile is dropped before decoding, with the pixels the JDK's reader gives when it converts
 * from the profile; every other profile is kept and converted as before.
 */
class EmbeddedSrgbProfileTest {

    private static final int SIDE = 64;

    @Test
    void removedFrom_whenJpegEmbedsTheSrgbProfile_dropsItAndTheDecodedPixelsStayTheSame() throws IOException {
        byte[] tagged = withProfile(photo(), srgbProfile(), 1);

        byte[] readable = EmbeddedSrgbProfile.removedFrom(tagged);

        assertThat(readable.length).isLessThan(tagged.length);
        assertThat(hasProfile(readable)).isFalse();
        assertThat(largestDifference(RgbImage.decode(tagged), jdkDecode(tagged))).isLessThanOrEqualTo(1);
    }

    @Test
    void decode_whenGroupPhotosCarryHpsSrgbProfile_givesExactlyThePixelsOfTheJdksConversion() throws IOException {
        // face-api's sample1-5.jpg embed HP's "sRGB IEC61966-2.1" (3,144 bytes), the profile most photos carry
        for (int number = 1; number <= 5; number++) {
            byte[] photo = TestPhotos.sample(number);
            assertThat(hasProfile(photo)).as("sample%d.jpg carries a profile", number).isTrue();

            assertThat(hasProfile(EmbeddedSrgbProfile.removedFrom(photo))).isFalse();
            assertThat(largestDifference(RgbImage.decode(photo), jdkDecode(photo)))
                    .as("sample%d.jpg", number).isZero();
        }
    }

    @Test
    void removedFrom_whenTheSrgbProfileHasItsOwnCurveTableAndSlightlyOtherColorants_dropsIt() throws IOException {
        // as HP's "sRGB IEC61966-2.1", the profile most photos carry: a 1024-entry curve, colorants a little apart
        ICC_Profile profile = editable(srgbProfile());
        byte[] red = profile.getData(ICC_Profile.icSigRedColorantTag);
        ByteBuffer.wrap(red).putInt(8, ByteBuffer.wrap(red).getInt(8) + 20);
        profile.setData(ICC_Profile.icSigRedColorantTag, red);
        for (int tag : new int[] {ICC_Profile.icSigRedTRCTag, ICC_Profile.icSigGreenTRCTag,
                ICC_Profile.icSigBlueTRCTag}) {
            profile.setData(tag, srgbCurveTable(1024));
        }
        byte[] tagged = withProfile(photo(), profile.getData(), 1);

        assertThat(hasProfile(EmbeddedSrgbProfile.removedFrom(tagged))).isFalse();
        assertThat(largestDifference(RgbImage.decode(tagged), jdkDecode(tagged))).isLessThanOrEqualTo(1);
    }

    @Test
    void removedFrom_whenTheSrgbCurveIsAParametricFunction_dropsIt() throws IOException {
        ICC_Profile profile = editable(srgbProfile());
        for (int tag : new int[] {ICC_Profile.icSigRedTRCTag, ICC_Profile.icSigGreenTRCTag,
                ICC_Profile.icSigBlueTRCTag}) {
            profile.setData(tag, srgbParametricCurve());
        }
        byte[] tagged = withProfile(photo(), profile.getData(), 1);

        assertThat(hasProfile(EmbeddedSrgbProfile.removedFrom(tagged))).isFalse();
        assertThat(largestDifference(RgbImage.decode(tagged), jdkDecode(tagged))).isLessThanOrEqualTo(1);
    }

    @Test
    void removedFrom_whenTheProfileComesInChunksOutOfOrder_joinsThemAndDropsEveryChunk() {
        byte[] tagged = withProfile(photo(), srgbProfile(), 3);

        byte[] readable = EmbeddedSrgbProfile.removedFrom(tagged);

        assertThat(hasProfile(readable)).isFalse();
        assertThat(readable).isEqualTo(photo());
    }

    @Test
    void removedFrom_whenTheProfileIsLinearLight_keepsItAndTheColoursAreConvertedAsBefore() throws IOException {
        byte[] tagged = withProfile(photo(), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData(), 1);

        assertThat(EmbeddedSrgbProfile.removedFrom(tagged)).isSameAs(tagged);
        RgbImage decoded = RgbImage.decode(tagged);
        assertThat(largestDifference(decoded, jdkDecode(tagged))).isLessThanOrEqualTo(1);
        assertThat(largestDifference(decoded, jdkDecode(photo()))).as("the conversion matters for this profile")
                .isGreaterThan(20);
    }

    @Test
    void removedFrom_whenTheProfileHasOtherPrimaries_keepsIt() {
        // a wider gamut than sRGB (as Display P3 or Adobe RGB): its red is another red
        ICC_Profile profile = editable(srgbProfile());
        byte[] red = profile.getData(ICC_Profile.icSigRedColorantTag);
        ByteBuffer.wrap(red).putInt(8, ByteBuffer.wrap(red).getInt(8) + 3_000);
        profile.setData(ICC_Profile.icSigRedColorantTag, red);
        byte[] tagged = withProfile(photo(), profile.getData(), 1);

        assertThat(EmbeddedSrgbProfile.removedFrom(tagged)).isSameAs(tagged);
    }

    @Test
    void removedFrom_whenTheProfileIsDamagedOrAbsentOrTheBytesAreNoJpeg_returnsTheBytesAsTheyAre() {
        byte[] damaged = withProfile(photo(), "not a colour profile at all".getBytes(StandardCharsets.US_ASCII), 1);
        byte[] plain = photo();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

        assertThat(EmbeddedSrgbProfile.removedFrom(damaged)).isSameAs(damaged);
        assertThat(EmbeddedSrgbProfile.removedFrom(plain)).isSameAs(plain);
        assertThat(EmbeddedSrgbProfile.removedFrom(png)).isSameAs(png);
    }

    @Test
    void decode_whenTheSrgbProfileIsDropped_stillTurnsTheImageAsItsExifOrientationSays() {
        byte[] tagged = withProfile(ExifOrientationTest.turnedClockwise(photo(96, 64)), srgbProfile(), 1);

        RgbImage decoded = RgbImage.decode(tagged);

        assertThat(decoded.width()).isEqualTo(64);
        assertThat(decoded.height()).isEqualTo(96);
    }

    /** A smooth picture with every hue and shade, so a colour conversion would show. */
    private static byte[] photo() {
        return photo(SIDE, SIDE);
    }

    private static byte[] photo(int width, int height) {
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = x * 255 / (width - 1);
                int green = y * 255 / (height - 1);
                int blue = (x + y) * 255 / (width + height - 2);
                picture.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return TestPhotos.jpeg(picture);
    }

    private static byte[] srgbProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    private static ICC_Profile editable(byte[] profile) {
        return ICC_Profile.getInstance(profile.clone());
    }

    /** A {@code curv} tag tabulating the sRGB curve. */
    private static byte[] srgbCurveTable(int entries) {
        ByteBuffer tag = ByteBuffer.allocate(12 + 2 * entries);
        tag.put("curv".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(entries);
        for (int i = 0; i < entries; i++) {
            double linear = EmbeddedSrgbProfile.srgbToLinear(i / (double) (entries - 1));
            tag.putShort((short) Math.round(linear * 65535));
        }
        return tag.array();
    }

    /** A {@code para} tag of function type 3 with the sRGB curve's parameters, as Apple's and Google's sRGB. */
    private static byte[] srgbParametricCurve() {
        double[] parameters = {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045};
        ByteBuffer tag = ByteBuffer.allocate(12 + 4 * parameters.length);
        tag.put("para".getBytes(StandardCharsets.US_ASCII)).putInt(0).putShort((short) 3).putShort((short) 0);
        for (double parameter : parameters) {
            tag.putInt((int) Math.round(parameter * 65536));
        }
        return tag.array();
    }

    /**
     * The JPEG with {@code profile} embedded right after its start marker, split into {@code chunks} APP2 segments
     * written last chunk first (readers join them by their numbers).
     */
    private static byte[] withProfile(byte[] jpeg, byte[] profile, int chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int size = (profile.length + chunks - 1) / chunks;
        for (int chunk = chunks; chunk >= 1; chunk--) {
            int from = (chunk - 1) * size;
            int to = Math.min(profile.length, from + size);
            byte[] header = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
            int length = 2 + header.length + 2 + (to - from);
            out.write(0xFF);
            out.write(0xE2);
            out.write(length >> 8);
            out.write(length & 0xff);
            out.write(header, 0, header.length);
            out.write(chunk);
            out.write(chunks);
            out.write(profile, from, to - from);
        }
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static boolean hasProfile(byte[] jpeg) {
        return JpegSegments.beforeFirstScan(jpeg).stream()
                .anyMatch(segment -> segment.marker() == 0xE2 && segment.startsWith(jpeg, "ICC_PROFILE"));
    }

    /** What the JDK's JPEG reader makes of the bytes as they are (the profile not dropped), converting from it. */
    private static BufferedImage jdkDecode(byte[] jpeg) throws IOException {
        List<ImageReader> readers = ImageReaders.jdkFirst(jpeg);
        try {
            ImageReader jdks = readers.get(0);
            assertThat(jdks.getClass().getName()).startsWith("com.sun.imageio.plugins.jpeg");
            jdks.setInput(new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg)));
            return jdks.read(0);
        } finally {
            readers.forEach(ImageReader::dispose);
        }
    }

    private static int largestDifference(RgbImage image, BufferedImage reference) {
        assertThat(image.width()).isEqualTo(reference.getWidth());
        assertThat(image.height()).isEqualTo(reference.getHeight());
        int largest = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int rgb = reference.getRGB(x, y);
                int[] expected = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int channel = 0; channel < 3; channel++) {
                    largest = Math.max(largest, Math.round(Math.abs(image.at(x, y, channel) - expected[channel])));
                }
            }
        }
        return largest;
    }
}
