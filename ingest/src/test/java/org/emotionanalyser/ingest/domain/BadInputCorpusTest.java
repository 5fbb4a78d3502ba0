package org.emotionanalyser.ingest.domain;

import org.emotionanalyser.router.testing.InMemoryIdempotencyStore;
import org.emotionanalyser.ingest.adapter.ImageIoCodec;
import org.emotionanalyser.ingest.testing.InMemoryImageStore;
import org.emotionanalyser.ingest.testing.RecordingEventPublisher;
import org.emotionanalyser.ingest.testing.ScriptedFaceAnalyzer;
import org.emotionanalyser.ingest.testing.TestImages;
import org.emotionanalyser.router.testing.OversizedImages;
import org.emotionanalyser.router.domain.AnalysisEvent;
import org.emotionanalyser.router.domain.ImageAnalyzed;
import org.emotionanalyser.router.domain.ImageRejected;
import org.emotionanalyser.router.domain.RejectionReason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad (or merely unusual) upload, generated here, and the outcome it must end in: rejected with a
 * stated reason, or analysed - and then how the analyser got the image.
 */
class BadInputCorpusTest {

    private static final String BUCKET = "images";
    private static final long MAX_IMAGE_BYTES = 15_728_640L;

    /** What must happen: a rejection reason, or analysis with a given delivery. */
    private record Expected(RejectionReason reason, Delivery delivery) {
        static Expected rejected(RejectionReason reason) {
            return new Expected(reason, null);
        }

        static Expected analysed(Delivery delivery) {
            return new Expected(null, delivery);
        }

        @Override
        public String toString() {
            return reason != null ? "rejected " + reason : "analysed as " + delivery;
        }
    }

    private enum Delivery { STORED_OBJECT, TRANSCODED_JPEG }

    static Stream<Arguments> corpus() {
        return Stream.of(
                row("zero bytes", "empty.jpg", () -> new byte[0], Expected.rejected(RejectionReason.EMPTY)),
                row("JPEG truncated inside its header", "cut.jpg",
                        () -> TestImages.truncate(TestImages.jpeg(400, 300), 60),
                        Expected.rejected(RejectionReason.CORRUPT)),
                row("JPEG truncated in its scan data (header intact: Rekognition decides)", "half.jpg",
                        () -> half(TestImages.jpeg(400, 300)), Expected.analysed(Delivery.STORED_OBJECT)),
                row("text file named .jpg", "notes.jpg", TestImages::text,
                        Expected.rejected(RejectionReason.UNSUPPORTED_FORMAT)),
                row("random bytes", "noise.png", () -> TestImages.noise(5000),
                        Expected.rejected(RejectionReason.UNSUPPORTED_FORMAT)),
                row("20 MB image (rejected from its size alone)", "huge.jpg", BadInputCorpusTest::twentyMegabyteJpeg,
                        Expected.rejected(RejectionReason.TOO_LARGE)),
                row("76 KB-class PNG declaring 20000x20000 (rejected from its header)", "bomb.png",
                        () -> OversizedImages.png(20_000, 20_000), Expected.rejected(RejectionReason.TOO_LARGE)),
                row("PNG of 1x50000 (too large, not too small)", "column.png", () -> OversizedImages.png(1, 50_000),
                        Expected.rejected(RejectionReason.TOO_LARGE)),
                row("PNG of 50000x1", "row.png", () -> OversizedImages.png(50_000, 1),
                        Expected.rejected(RejectionReason.TOO_LARGE)),
                row("JPEG whose header declares 30000x30000", "patched.jpg",
                        () -> OversizedImages.jpegDeclaring(30_000, 30_000), Expected.rejected(RejectionReason.TOO_LARGE)),
                row("animated GIF with 20000x20000 frames", "frames.gif",
                        () -> OversizedImages.animatedGif(20_000, 20_000, 3), Expected.rejected(RejectionReason.TOO_LARGE)),
                row("PNG of 9000x9000 (each side allowed, over the 40-megapixel budget)", "wide.png",
                        () -> OversizedImages.png(9_000, 9_000), Expected.rejected(RejectionReason.TOO_LARGE)),
                row("JPEG declaring exactly 10000x4000 (at both limits)", "edge.jpg",
                        () -> OversizedImages.jpegDeclaring(10_000, 4_000), Expected.analysed(Delivery.STORED_OBJECT)),
                row("50x50 PNG", "tiny.png", () -> TestImages.png(50, 50), Expected.rejected(RejectionReason.TOO_SMALL)),
                row("80x79 JPEG (one side below the minimum)", "thin.jpg", () -> TestImages.jpeg(80, 79),
                        Expected.rejected(RejectionReason.TOO_SMALL)),
                row("80x80 PNG (exactly the minimum)", "min.png", () -> TestImages.png(80, 80),
                        Expected.analysed(Delivery.STORED_OBJECT)),
                row("ordinary RGB JPEG", "photo.jpg", () -> TestImages.jpeg(640, 480),
                        Expected.analysed(Delivery.STORED_OBJECT)),
                row("greyscale JPEG", "grey.jpg", () -> TestImages.write(
                                TestImages.picture(200, 150, java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "jpeg"),
                        Expected.analysed(Delivery.STORED_OBJECT)),
                row("PNG with alpha (Rekognition reads 8-bit RGBA PNG)", "alpha.png",
                        () -> TestImages.pngWithAlpha(200, 150), Expected.analysed(Delivery.STORED_OBJECT)),
                row("16-bit PNG", "deep.png", () -> TestImages.png16Bit(200, 150),
                        Expected.analysed(Delivery.TRANSCODED_JPEG)),
                row("CMYK JPEG", "print.jpg", () -> TestImages.cmykJpeg(200, 150),
                        Expected.analysed(Delivery.TRANSCODED_JPEG)),
                row("WEBP", "photo.webp", () -> TestImages.webp(200, 150, 90, 60, 30),
                        Expected.analysed(Delivery.TRANSCODED_JPEG)),
                row("50x50 WEBP", "tiny.webp", () -> TestImages.webp(50, 50, 90, 60, 30),
                        Expected.rejected(RejectionReason.TOO_SMALL)),
                row("GIF", "photo.gif", () -> TestImages.gif(200, 150), Expected.analysed(Delivery.TRANSCODED_JPEG)),
                row("BMP", "photo.bmp", () -> TestImages.bmp(200, 150), Expected.analysed(Delivery.TRANSCODED_JPEG)),
                row("GIF signature followed by garbage", "broken.gif", BadInputCorpusTest::brokenGif,
                        Expected.rejected(RejectionReason.CORRUPT)),
                row("PNG named .jpg (the content decides)", "misnamed.jpg", () -> TestImages.png(200, 150),
                        Expected.analysed(Delivery.STORED_OBJECT)));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("corpus")
    void process_whenUploadIsUnusual_endsInTheStatedOutcome(String description, String fileName,
                                                             Supplier<byte[]> content, Expected expected) {
        Setup setup = new Setup(ImageDelivery.STORED_OBJECT);
        String key = "uploads/acme-events/" + fileName;
        byte[] bytes = content.get();
        setup.store.add(BUCKET, key, bytes, "image/jpeg");

        ProcessingOutcome outcome = setup.processor.process(new UploadedObject(BUCKET, key, null, null));

        assertThat(outcome).isInstanceOf(ProcessingOutcome.Published.class);
        AnalysisEvent event = setup.publisher.events().get(0);
        assertThat(setup.publisher.events()).hasSize(1);
        assertThat(event.tenantId()).isEqualTo("acme-events");
        assertThat(event.object().size()).isEqualTo(bytes.length);
        if (expected.reason() != null) {
            assertThat(event).isInstanceOf(ImageRejected.class);
            ImageRejected rejected = (ImageRejected) event;
            assertThat(rejected.reason()).isEqualTo(expected.reason());
            assertThat(rejected.message()).isNotBlank();
            assertThat(setup.analyzer.requests()).isEmpty();
            return;
        }
        assertThat(event).isInstanceOf(ImageAnalyzed.class);
        assertThat(((ImageAnalyzed) event).faces()).hasSize(1);
        ImageReference sent = setup.analyzer.requests().get(0);
        switch (expected.delivery()) {
            case STORED_OBJECT -> {
                assertThat(sent).isEqualTo(new ImageReference.StoredImage(BUCKET, key, null));
                assertThat(setup.store.bytesRead()).isLessThanOrEqualTo(ImageInspector.LEADING_BYTES);
            }
            case TRANSCODED_JPEG -> {
                ImageReference.EncodedImage encoded = (ImageReference.EncodedImage) sent;
                assertThat(encoded.format()).isEqualTo(ImageFormat.JPEG);
                ImageHeader header = new ImageIoCodec().readHeader(ImageFormat.JPEG, encoded.bytes());
                assertThat(header.readableByRekognition(ImageFormat.JPEG)).isTrue();
                assertThat(header.width()).isEqualTo(200);
                assertThat(header.height()).isEqualTo(150);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nativeImages")
    void process_whenTheAnalyserCannotReachTheStore_sendsReadableImagesAsTheirOwnBytes(String description,
                                                                                      byte[] bytes) {
        Setup setup = new Setup(ImageDelivery.BYTES);
        setup.store.add(BUCKET, "uploads/acme-events/photo", bytes, null);

        setup.processor.process(new UploadedObject(BUCKET, "uploads/acme-events/photo", null, null));

        assertThat(setup.analyzer.requests()).containsExactly(
                new ImageReference.EncodedImage(bytes, ImageFormat.detect(bytes).orElseThrow()));
    }

    static Stream<Arguments> nativeImages() {
        return Stream.of(Arguments.of("JPEG", TestImages.jpeg(300, 200)), Arguments.of("PNG", TestImages.png(300, 200)));
    }

    private static Arguments row(String description, String fileName, Supplier<byte[]> content, Expected expected) {
        return Arguments.of(description, fileName, content, expected);
    }

    private static byte[] half(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length / 2);
    }

    /** Twenty megabytes that start like a JPEG: only the size may be looked at. */
    private static byte[] twentyMegabyteJpeg() {
        byte[] jpeg = TestImages.jpeg(100, 100);
        byte[] big = new byte[20 * 1024 * 1024];
        System.arraycopy(jpeg, 0, big, 0, jpeg.length);
        return big;
    }

    private static byte[] brokenGif() {
        byte[] garbage = TestImages.noise(2000);
        byte[] signature = "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(signature, 0, garbage, 0, signature.length);
        // A width and height of zero: no decoder can make an image of it.
        Arrays.fill(garbage, 6, 10, (byte) 0);
        return garbage;
    }

    private static final class Setup {
        final InMemoryImageStore store = new InMemoryImageStore();
        final RecordingEventPublisher publisher = new RecordingEventPublisher();
        final ScriptedFaceAnalyzer analyzer = ScriptedFaceAnalyzer.oneHappyFace();
        final UploadProcessor processor;

        Setup(ImageDelivery delivery) {
            processor = new UploadProcessor(store,
                    new ImageInspector(store, new ImageIoCodec(), delivery, MAX_IMAGE_BYTES, 80),
                    analyzer, publisher, Clock.fixed(Instant.parse("2026-11-21T10:15:31Z"), ZoneOffset.UTC),
                    "rekognition", 50, new InMemoryIdempotencyStore(), tenantId -> true);
        }
    }
}
