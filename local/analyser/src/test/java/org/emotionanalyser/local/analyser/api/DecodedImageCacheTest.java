package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.router.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class DecodedImageCacheTest {

    /** 10x10 RGB floats: 1,200 bytes. */
    private static final long ONE_IMAGE = 10 * 10 * 3 * 4;

    private final AtomicInteger decodes = new AtomicInteger();
    private final Function<byte[], RgbImage> decoder = bytes -> {
        decodes.incrementAndGet();
        return new RgbImage(10, 10, new float[300]);
    };

    @Test
    void get_whenTheSameBytesComeAgain_returnsTheSameDecodedImageWithoutDecoding() {
        DecodedImageCache cache = new DecodedImageCache(10 * ONE_IMAGE, Duration.ofSeconds(60), Clock.systemUTC());

        RgbImage first = cache.get(new byte[]{1, 2, 3}, decoder);
        RgbImage second = cache.get(new byte[]{1, 2, 3}, decoder);

        assertThat(second).isSameAs(first);
        assertThat(decodes.get()).isEqualTo(1);
    }

    @Test
    void get_whenTheImagesAreDecodedPhotos_weighsThemByTheirOneByteSamples() {
        // the budget of two float images holds eight decoded photos of the same size
        DecodedImageCache cache = new DecodedImageCache(2 * ONE_IMAGE, Duration.ofSeconds(60), Clock.systemUTC());
        Function<byte[], RgbImage> photoDecoder = bytes -> {
            decodes.incrementAndGet();
            return RgbImage.fromBufferedImage(new BufferedImage(10, 10, BufferedImage.TYPE_3BYTE_BGR));
        };
        for (byte b = 0; b < 8; b++) {
            cache.get(new byte[]{b}, photoDecoder);
        }

        for (byte b = 0; b < 8; b++) {
            cache.get(new byte[]{b}, photoDecoder);
        }

        assertThat(decodes.get()).as("eight decoded once each, all still held").isEqualTo(8);
        assertThat(cache.bytes()).isEqualTo(8 * 10 * 10 * 3);
    }

    @Test
    void get_whenOverItsByteBudget_dropsTheLeastRecentlyUsedImage() {
        DecodedImageCache cache = new DecodedImageCache(2 * ONE_IMAGE, Duration.ofSeconds(60), Clock.systemUTC());
        cache.get(new byte[]{1}, decoder);
        cache.get(new byte[]{2}, decoder);
        cache.get(new byte[]{1}, decoder);

        cache.get(new byte[]{3}, decoder);
        cache.get(new byte[]{1}, decoder);
        cache.get(new byte[]{2}, decoder);

        assertThat(decodes.get()).as("1, 2, 3 decoded once; 2 again after it was dropped").isEqualTo(4);
        assertThat(cache.bytes()).isLessThanOrEqualTo(2 * ONE_IMAGE);
    }

    @Test
    void get_whenTheEntryHasExpired_decodesAgain() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
        DecodedImageCache cache = new DecodedImageCache(10 * ONE_IMAGE, Duration.ofSeconds(60), clock);
        cache.get(new byte[]{1}, decoder);

        clock.advance(Duration.ofSeconds(61));
        cache.get(new byte[]{1}, decoder);

        assertThat(decodes.get()).isEqualTo(2);
    }
}
