package org.emotionanalyser.local.analyser.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedAgeGender;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmbedding;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmotions;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.Landmark;
import org.emotionanalyser.local.analyser.domain.RgbImage;
import org.emotionanalyser.local.analyser.port.FetchedImage;
import org.emotionanalyser.local.analyser.port.ImageFetcher;
import org.emotionanalyser.router.domain.BoundingBox;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's DetectLabels then RecognizeCelebrities on one {@code S3Object}: the second call asks the store for
 * the object only if it changed, and analyses the image decoded for the first unless it did.
 */
class StoredImageReuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = "{\"Image\":{\"S3Object\":{\"Bucket\":\"images\",\"Name\":\"uploads/acme/a.png\"}}}";

    /** The images the face detector was given, by identity: one per decode. */
    private final Set<RgbImage> decoded = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<RgbImage> analysed = new ArrayList<>();

    private RekognitionApi api(ImageFetcher fetcher) {
        return new RekognitionApi(new FaceAnalysisPipeline(
                (image, min) -> {
                    decoded.add(image);
                    analysed.add(image);
                    return List.of(new FaceDetection(new BoundingBox(0.1, 0.2, 0.3, 0.4), 0.93,
                            List.of(new Landmark("nose", 0.25, 0.4))));
                },
                List.of(new FixedEmotions()), new FixedEmbedding(), new FixedAgeGender(), (image, min) -> List.of()),
                () -> new FaceGallery(List.of(), 0.8), fetcher);
    }

    @Test
    void secondCall_whenTheObjectIsUnchanged_transfersAndDecodesItOnlyOnce() throws IOException {
        StoreWithETags store = new StoreWithETags(Map.of("\"e1\"", FixedModels.png(8, 8)), "\"e1\"");
        RekognitionApi api = api(store);

        JsonNode labels = call(api, "DetectLabels");
        JsonNode celebrities = call(api, "RecognizeCelebrities");

        assertThat(store.knownETags).containsExactly(null, "\"e1\"");
        assertThat(store.bodiesSent).isEqualTo(1);
        assertThat(decoded).hasSize(1);
        assertThat(labels.path("Labels").get(0).path("Name").asText()).isEqualTo("Person");
        assertThat(celebrities.path("UnrecognizedFaces")).hasSize(1);
    }

    @Test
    void secondCall_whenTheObjectWasReplacedBetweenCalls_analysesTheNewContent() throws IOException {
        StoreWithETags store = new StoreWithETags(Map.of("\"e1\"", FixedModels.png(8, 8),
                "\"e2\"", FixedModels.png(16, 4)), "\"e1\"");
        RekognitionApi api = api(store);

        call(api, "DetectLabels");
        store.current = "\"e2\"";
        call(api, "RecognizeCelebrities");

        assertThat(store.knownETags).containsExactly(null, "\"e1\"");
        assertThat(store.bodiesSent).isEqualTo(2);
        assertThat(decoded).hasSize(2);
        assertThat(analysed.get(analysed.size() - 1).width()).isEqualTo(16);
    }

    @Test
    void secondCall_whenTheStoreGivesNoETag_readsAgainButStillDecodesOnce() throws IOException {
        List<String> reads = new ArrayList<>();
        RekognitionApi api = api((bucket, key, version) -> {
            reads.add(key);
            return Optional.of(FixedModels.png(8, 8));
        });

        call(api, "DetectLabels");
        call(api, "RecognizeCelebrities");

        assertThat(reads).hasSize(2);
        assertThat(decoded).as("the same bytes: the decode is reused by their hash").hasSize(1);
    }

    private static JsonNode call(RekognitionApi api, String operation) throws IOException {
        ApiResult result = api.handle("RekognitionService." + operation, REQUEST.getBytes(StandardCharsets.UTF_8));
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        return JSON.readTree(result.body());
    }

    /** A store that answers "not modified" as S3 does when the caller's entity tag is the object's current one. */
    private static final class StoreWithETags implements ImageFetcher {
        private final Map<String, byte[]> contentByETag;
        private final List<String> knownETags = new ArrayList<>();
        private String current;
        private int bodiesSent;

        StoreWithETags(Map<String, byte[]> contentByETag, String current) {
            this.contentByETag = contentByETag;
            this.current = current;
        }

        @Override
        public Optional<byte[]> fetch(String bucket, String key, String version) {
            return Optional.of(contentByETag.get(current));
        }

        @Override
        public FetchedImage fetchIfChanged(String bucket, String key, String version, String knownETag,
                                           long maxBytes) {
            knownETags.add(knownETag);
            if (current.equals(knownETag)) {
                return new FetchedImage.Unchanged();
            }
            bodiesSent++;
            return new FetchedImage.Found(contentByETag.get(current), current);
        }
    }
}
