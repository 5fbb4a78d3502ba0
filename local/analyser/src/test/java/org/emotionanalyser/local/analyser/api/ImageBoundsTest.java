package org.emotionanalyser.local.analyser.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.adapter.RememberingFaceDetector;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedAgeGender;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmbedding;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmotions;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.port.FaceDetector;
import org.emotionanalyser.router.domain.BoundingBox;
import org.emotionanalyser.router.testing.OversizedImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyser's decoding edge: limits decided from the header, subsampled decoding, one decode and one detection
 * per image across the calls a reader invocation makes, and failures (OutOfMemoryError included) contained as
 * that request's 500.
 */
class ImageBoundsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<RgbImage> detectedImages = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean outOfMemoryOnce;
    private final FaceDetector countingDetector = (image, min) -> {
        detectedImages.add(image);
        if (outOfMemoryOnce) {
            outOfMemoryOnce = false;
            throw new OutOfMemoryError("Java heap space (simulated)");
        }
        return List.of(new FaceDetection(new BoundingBox(0.1, 0.2, 0.3, 0.4), 0.95, List.of()));
    };
    private final RekognitionApi api = new RekognitionApi(new FaceAnalysisPipeline(
            new RememberingFaceDetector(countingDetector), List.of(new FixedEmotions()), new FixedEmbedding(), new FixedAgeGender(),
            (image, min) -> List.of()),
            () -> new FaceGallery(List.of(), 0.8), (bucket, key, version) -> Optional.empty(),
            new DecodedImageCache(64L * 1024 * 1024, Duration.ofSeconds(60), Clock.systemUTC()));

    static Stream<Arguments> hugeHeaders() {
        return Stream.of(
                Arguments.of("PNG 20000x20000", (Supplier<byte[]>) () -> OversizedImages.png(20_000, 20_000)),
                Arguments.of("PNG 1x50000", (Supplier<byte[]>) () -> OversizedImages.png(1, 50_000)),
                Arguments.of("PNG 50000x1", (Supplier<byte[]>) () -> OversizedImages.png(50_000, 1)),
                Arguments.of("JPEG declaring 30000x30000",
                        (Supplier<byte[]>) () -> OversizedImages.jpegDeclaring(30_000, 30_000)),
                Arguments.of("animated GIF of 20000x20000 frames",
                        (Supplier<byte[]>) () -> OversizedImages.animatedGif(20_000, 20_000, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeHeaders")
    void detectLabels_whenHeaderDeclaresOverTenThousandPerSide_answersImageTooLargeQuotingDetectLabelsLimit(
            String description, Supplier<byte[]> image) throws IOException {
        ApiResult result = call("DetectLabels", image.get());

        assertThat(result.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(result.body());
        assertThat(error.path("__type").asText()).isEqualTo("ImageTooLargeException");
        assertThat(error.path("message").asText()).contains("DetectLabels", "10000 pixels");
        assertThat(detectedImages).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeHeaders")
    void recognizeCelebrities_whenHeaderDeclaresAHugePicture_answersImageTooLargeQuotingItsOwnLimit(
            String description, Supplier<byte[]> image) throws IOException {
        ApiResult result = call("RecognizeCelebrities", image.get());

        assertThat(result.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(result.body());
        assertThat(error.path("__type").asText()).isEqualTo("ImageTooLargeException");
        assertThat(error.path("message").asText()).contains("RecognizeCelebrities", "local analyser", "10000 pixels per side", "40 megapixels")
                .doesNotContain("DetectLabels");
        assertThat(detectedImages).isEmpty();
    }

    @Test
    void detectFaces_whenLargeButAllowed_decodesSubsampledToTheWorkingSize() {
        byte[] large = OversizedImages.png(6_000, 4_000);

        ApiResult result = call("DetectFaces", large);

        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        RgbImage seen = detectedImages.get(0);
        assertThat(seen.width()).isEqualTo(2_000);
        assertThat(seen.height()).isLessThanOrEqualTo(BoundedImageDecoder.MAX_DECODED_SIDE);
    }

    @Test
    void recognizeCelebrities_afterDetectLabelsOnTheSameBytes_decodesAndDetectsOnce() {
        byte[] photo = png(640, 480);

        assertThat(call("DetectLabels", photo).statusCode()).isEqualTo(200);
        assertThat(call("RecognizeCelebrities", photo).statusCode()).isEqualTo(200);
        assertThat(call("DetectFaces", photo).statusCode()).isEqualTo(200);

        assertThat(detectedImages).hasSize(1);
    }

    @Test
    void handle_whenTheModelsRunOutOfMemory_answers500AndTheNextRequestIsAnalysed() throws IOException {
        outOfMemoryOnce = true;

        ApiResult failed = call("DetectFaces", png(300, 200));
        ApiResult next = call("DetectFaces", png(320, 200));

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(failed.body()).path("__type").asText()).isEqualTo("InternalServerError");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(Set.copyOf(detectedImages)).hasSize(2);
    }

    @Test
    void handle_afterAHugeImageWasRefused_analysesTheNextUpload() {
        assertThat(call("DetectLabels", OversizedImages.png(20_000, 20_000)).statusCode()).isEqualTo(400);

        ApiResult next = call("DetectLabels", png(640, 480));

        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(detectedImages).hasSize(1);
    }

    private ApiResult call(String operation, byte[] image) {
        String body = "{\"Image\":{\"Bytes\":\"" + Base64.getEncoder().encodeToString(image) + "\"}}";
        return api.handle("RekognitionService." + operation, body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] png(int width, int height) {
        return FixedModels.png(width, height);
    }
}
