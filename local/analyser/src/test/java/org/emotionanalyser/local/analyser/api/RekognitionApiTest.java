package org.emotionanalyser.local.analyser.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedAgeGender;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmbedding;
import org.emotionanalyser.local.analyser.api.FixedModels.FixedEmotions;
import org.emotionanalyser.local.analyser.domain.ConfidenceCalibration;
import org.emotionanalyser.local.analyser.domain.FaceDetection;
import org.emotionanalyser.local.analyser.domain.DetectedObject;
import org.emotionanalyser.local.analyser.domain.FaceAnalysisPipeline;
import org.emotionanalyser.local.analyser.domain.FaceGallery;
import org.emotionanalyser.local.analyser.domain.Landmark;
import org.emotionanalyser.router.domain.BoundingBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Request validation, error mapping and response shapes, with the models replaced by fixed answers. */
class RekognitionApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PNG = Base64.getEncoder().encodeToString(png());

    private final RekognitionApi api = new RekognitionApi(new FaceAnalysisPipeline(
            (image, min) -> List.of(new FaceDetection(new BoundingBox(0.1, 0.2, 0.3, 0.4), 0.93,
                    List.of(new Landmark("nose", 0.25, 0.4)))),
            List.of(new FixedEmotions()),
            new FixedEmbedding(), new FixedAgeGender(),
            (image, min) -> List.of(
                    new DetectedObject("Person", new BoundingBox(0, 0, 0.5, 1), 0.6),
                    new DetectedObject("Cup", new BoundingBox(0.6, 0.6, 0.1, 0.1), 0.7),
                    new DetectedObject("Dog", new BoundingBox(0.5, 0.5, 0.2, 0.2), 0.3))
                    .stream().filter(o -> o.confidence() >= min).toList()),
            () -> new FaceGallery(List.of(new FaceGallery.Entry("Ada", "ada-id", new float[] {1, 0})), 0.8),
            (bucket, key, version) -> key.equals("present.png") ? Optional.of(png()) : Optional.empty());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "DetectFaces | {}                                                      | InvalidParameterException",
            "DetectFaces | {\"Image\":{}}                                           | InvalidParameterException",
            "DetectFaces | {\"Image\":{\"Bytes\":\"x\",\"S3Object\":{\"Bucket\":\"b\",\"Name\":\"n\"}}} | InvalidParameterException",
            "DetectFaces | {\"Image\":{\"Bytes\":\"***\"}}                           | InvalidParameterException",
            "DetectFaces | {\"Image\":{\"Bytes\":\"aGVsbG8=\"}}                      | InvalidImageFormatException",
            "DetectFaces | {\"Image\":{\"S3Object\":{\"Bucket\":\"b\"}}}              | InvalidParameterException",
            "DetectFaces | {\"Image\":{\"S3Object\":{\"Bucket\":\"b\",\"Name\":\"gone.png\"}}} | InvalidS3ObjectException",
            "DetectLabels | {\"Image\":{\"Bytes\":\"" + "\"},\"MaxLabels\":-1}          | InvalidParameterException",
            "DetectLabels | {\"Image\":{\"Bytes\":\"\"},\"MinConfidence\":101}         | InvalidParameterException",
            "DetectLabels | [1,2]                                                   | SerializationException",
            "DetectLabels | {not json                                               | SerializationException",
            "CompareFaces | {}                                                      | UnknownOperationException"})
    void handle_whenTheRequestIsInvalid_answersRekognitionsError(String operation, String body, String error)
            throws IOException {
        ApiResult result = api.handle("RekognitionService." + operation, body.getBytes(StandardCharsets.UTF_8));

        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.headers()).containsEntry("x-amzn-ErrorType", error)
                .containsEntry("Content-Type", "application/x-amz-json-1.1");
        JsonNode json = JSON.readTree(result.body());
        assertThat(json.path("__type").asText()).isEqualTo(error);
        assertThat(json.path("message").asText()).isNotBlank();
    }

    @Test
    void handle_whenBytesExceedFiveMegabytes_answersImageTooLarge() throws IOException {
        String big = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);

        ApiResult result = api.handle("RekognitionService.DetectFaces",
                ("{\"Image\":{\"Bytes\":\"" + big + "\"}}").getBytes(StandardCharsets.UTF_8));

        assertThat(JSON.readTree(result.body()).path("__type").asText()).isEqualTo("ImageTooLargeException");
    }

    @Test
    void detectFaces_whenDefaultAttributes_omitsEmotionsButKeepsBoxConfidenceAndLandmarks() throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"}}").path("FaceDetails").get(0);

        assertThat(face.path("BoundingBox").path("Left").asDouble()).isEqualTo(0.1);
        assertThat(face.path("BoundingBox").path("Height").asDouble()).isEqualTo(0.4);
        assertThat(face.path("Confidence").asDouble()).isEqualTo(ConfidenceCalibration.faceConfidence(0.93), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(face.path("Landmarks").get(0).path("Type").asText()).isEqualTo("nose");
        assertThat(face.has("Emotions")).isFalse();
    }

    @Test
    void detectFaces_whenDefaultAttributes_measuresQualityOnTheFacesPixelsAndLeavesOutAPoseWithoutEyes()
            throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"}}").path("FaceDetails").get(0);

        // the image is black and flat: no brightness, no detail
        assertThat(face.path("Quality").path("Brightness").asDouble()).isZero();
        assertThat(face.path("Quality").path("Sharpness").asDouble()).isZero();
        assertThat(face.has("Pose")).as("the fixed detector locates only the nose, so no pose is computed").isFalse();
    }

    @Test
    void detectFaces_whenEmotionsAttributeIsAsked_returnsEmotionsHighestFirst() throws IOException {
        JsonNode emotions = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"},\"Attributes\":[\"EMOTIONS\"]}")
                .path("FaceDetails").get(0).path("Emotions");

        assertThat(emotions.get(0).path("Type").asText()).isEqualTo("HAPPY");
        assertThat(emotions.get(1).path("Type").asText()).isEqualTo("CALM");
    }

    @Test
    void detectFaces_whenAllAttributesAreAsked_returnsAgeRangeAndGenderBesideEmotions() throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"},\"Attributes\":[\"ALL\"]}")
                .path("FaceDetails").get(0);

        assertThat(face.path("AgeRange").path("Low").asInt()).isEqualTo(30);
        assertThat(face.path("AgeRange").path("High").asInt()).isEqualTo(38);
        assertThat(face.path("Gender").path("Value").asText()).isEqualTo("Female");
        assertThat(face.path("Gender").path("Confidence").asDouble()).isEqualTo(91.0);
        assertThat(face.path("Emotions")).isNotEmpty();
        assertThat(face.has("Smile")).as("no model computes a smile, so none is invented").isFalse();
        assertThat(face.has("EyesOpen")).as("no model computes open eyes, so none is invented").isFalse();
    }

    @Test
    void detectFaces_whenOnlyAgeRangeIsAsked_returnsNoGenderAndNoEmotions() throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"},\"Attributes\":[\"AGE_RANGE\"]}")
                .path("FaceDetails").get(0);

        assertThat(face.path("AgeRange").path("Low").asInt()).isEqualTo(30);
        assertThat(face.has("Gender")).isFalse();
        assertThat(face.has("Emotions")).isFalse();
    }

    @Test
    void detectFaces_whenOnlyGenderIsAsked_returnsNoAgeRange() throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"},\"Attributes\":[\"GENDER\"]}")
                .path("FaceDetails").get(0);

        assertThat(face.path("Gender").path("Value").asText()).isEqualTo("Female");
        assertThat(face.has("AgeRange")).isFalse();
    }

    @Test
    void detectFaces_whenDefaultAttributes_returnsNoAgeRangeOrGender() throws IOException {
        JsonNode face = call("DetectFaces", "{\"Image\":{\"Bytes\":\"" + PNG + "\"}}").path("FaceDetails").get(0);

        assertThat(face.has("AgeRange")).isFalse();
        assertThat(face.has("Gender")).isFalse();
    }

    @Test
    void recognizeCelebrities_whenAFaceIsFound_leavesAgeAndGenderOutOfTheComparedFaceAsRekognitionDoes()
            throws IOException {
        JsonNode response = call("RecognizeCelebrities", "{\"Image\":{\"Bytes\":\"" + PNG + "\"}}");

        JsonNode face = response.path("CelebrityFaces").get(0).path("Face");
        assertThat(face.has("AgeRange")).isFalse();
        assertThat(face.has("Gender")).isFalse();
    }

    @Test
    void detectLabels_whenAFaceIsSeen_raisesPersonConfidenceToTheFacesButKeepsDetectorInstances() throws IOException {
        JsonNode labels = call("DetectLabels", "{\"Image\":{\"S3Object\":{\"Bucket\":\"b\",\"Name\":\"present.png\"}},"
                + "\"MinConfidence\":50}").path("Labels");

        assertThat(labels).extracting(l -> l.path("Name").asText()).containsExactly("Person", "Cup");
        assertThat(labels.get(0).path("Confidence").asDouble()).isEqualTo(ConfidenceCalibration.faceConfidence(0.93), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(labels.get(0).path("Instances")).hasSize(1);
        assertThat(labels.get(0).path("Instances").get(0).path("Confidence").asDouble())
                .isEqualTo(60.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void detectLabels_whenMaxLabelsIsOne_keepsOnlyTheMostConfidentLabel() throws IOException {
        JsonNode labels = call("DetectLabels", "{\"Image\":{\"Bytes\":\"" + PNG + "\"},\"MaxLabels\":1,\"MinConfidence\":20}")
                .path("Labels");

        assertThat(labels).extracting(l -> l.path("Name").asText()).containsExactly("Person");
    }

    @Test
    void recognizeCelebrities_whenTheEmbeddingMatchesTheGallery_namesThePerson() throws IOException {
        JsonNode response = call("RecognizeCelebrities", "{\"Image\":{\"Bytes\":\"" + PNG + "\"}}");

        assertThat(response.path("CelebrityFaces")).hasSize(1);
        assertThat(response.path("CelebrityFaces").get(0).path("Name").asText()).isEqualTo("Ada");
        assertThat(response.path("CelebrityFaces").get(0).path("Id").asText()).isEqualTo("ada-id");
        assertThat(response.path("CelebrityFaces").get(0).path("Face").path("Emotions")).isNotEmpty();
        assertThat(response.path("CelebrityFaces").get(0).path("Face").path("Quality").has("Brightness")).isTrue();
        assertThat(response.path("UnrecognizedFaces")).isEmpty();
    }

    private JsonNode call(String operation, String body) throws IOException {
        ApiResult result = api.handle("RekognitionService." + operation, body.getBytes(StandardCharsets.UTF_8));
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        return JSON.readTree(result.body());
    }

    private static byte[] png() {
        return FixedModels.png(8, 8);
    }
}
