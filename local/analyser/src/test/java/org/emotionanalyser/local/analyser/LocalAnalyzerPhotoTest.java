package org.emotionanalyser.local.analyser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emotionanalyser.local.analyser.api.ApiResult;
import org.emotionanalyser.local.analyser.gallery.InvalidEnrolmentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real models on real photos, through the Rekognition API the reader Lambda calls. */
class LocalAnalyzerPhotoTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A clear, frontal, level dev-set face. */
    private static final Path DEV_PHOTO = Path.of("src/test/resources/emotion-dev/Alan_Greenspan_0003.jpg");

    @TempDir
    static Path knownFaces;
    private static LocalAnalyzer analyser;

    @BeforeAll
    static void loadModels() {
        analyser = LocalAnalyzer.create(knownFaces, (bucket, key, version) -> Optional.empty());
    }

    @AfterAll
    static void closeModels() {
        analyser.close();
    }

    @ParameterizedTest
    @CsvSource({"1, 3", "2, 3", "3, 3", "4, 4", "5, 5", "6, 4"})
    void detectFaces_whenGivenAGroupPhoto_findsEveryFace(int sample, int faces) throws IOException {
        JsonNode response = call("DetectFaces", request(TestPhotos.sample(sample)));

        assertThat(response.path("FaceDetails")).hasSize(faces);
        for (JsonNode face : response.path("FaceDetails")) {
            JsonNode box = face.path("BoundingBox");
            assertThat(box.path("Left").asDouble()).isBetween(0.0, 1.0);
            assertThat(box.path("Width").asDouble()).isBetween(0.02, 0.5);
            assertThat(face.path("Confidence").asDouble()).isBetween(80.0, 100.0);
            assertThat(face.has("Emotions")).as("DEFAULT attributes carry no emotions").isFalse();
            assertThat(face.path("Pose").path("Roll").asDouble()).isBetween(-180.0, 180.0);
            assertThat(face.path("Pose").path("Yaw").asDouble()).isBetween(-90.0, 90.0);
            assertThat(face.path("Pose").path("Pitch").asDouble()).isBetween(-90.0, 90.0);
            assertThat(face.path("Quality").path("Brightness").asDouble()).isBetween(0.0, 100.0);
            assertThat(face.path("Quality").path("Sharpness").asDouble()).isBetween(0.0, 100.0);
            assertThat(face.has("Smile")).as("no model computes a smile, so none is invented").isFalse();
            assertThat(face.has("AgeRange")).as("DEFAULT attributes carry no age range, as in Rekognition").isFalse();
            assertThat(face.has("Gender")).as("DEFAULT attributes carry no gender, as in Rekognition").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {10, 25})
    void detectFaces_whenTheSamePhotoIsTurnedBothWaysInThePicturePlane_reportsRollsThatFarApart(double degrees)
            throws IOException {
        // both turned versions have the same black corners, so the detector sees them alike; the tolerance is the
        // keypoints' precision measured by FaceAttributeEvaluation (README: Pose)
        BufferedImage photo = TestPhotos.decode(Files.readAllBytes(DEV_PHOTO));

        JsonNode clockwise = call("DetectFaces", request(TestPhotos.jpeg(TestPhotos.turned(photo, degrees))))
                .path("FaceDetails");
        JsonNode anticlockwise = call("DetectFaces", request(TestPhotos.jpeg(TestPhotos.turned(photo, -degrees))))
                .path("FaceDetails");

        assertThat(clockwise).hasSize(1);
        assertThat(anticlockwise).hasSize(1);
        double rollClockwise = clockwise.get(0).path("Pose").path("Roll").asDouble();
        double rollAnticlockwise = anticlockwise.get(0).path("Pose").path("Roll").asDouble();
        assertThat(rollClockwise - rollAnticlockwise).as("clockwise is positive").isCloseTo(2 * degrees, org.assertj.core.data.Offset.offset(8.0));
    }

    @Test
    void detectFaces_whenAClearDevSetPhotoIsDarkenedOrBlurred_reportsLowerBrightnessOrSharpness() throws IOException {
        BufferedImage photo = TestPhotos.decode(Files.readAllBytes(DEV_PHOTO));

        JsonNode clear = call("DetectFaces", request(TestPhotos.jpeg(photo))).path("FaceDetails").get(0).path("Quality");
        JsonNode dark = call("DetectFaces", request(TestPhotos.jpeg(TestPhotos.darkened(photo, 0.5))))
                .path("FaceDetails").get(0).path("Quality");
        JsonNode blurred = call("DetectFaces", request(TestPhotos.jpeg(TestPhotos.blurred(photo, 3))))
                .path("FaceDetails").get(0).path("Quality");

        assertThat(clear.path("Brightness").asDouble()).isBetween(25.0, 85.0);
        assertThat(clear.path("Sharpness").asDouble()).isBetween(30.0, 95.0);
        assertThat(dark.path("Brightness").asDouble()).isLessThan(clear.path("Brightness").asDouble() * 0.6);
        assertThat(blurred.path("Sharpness").asDouble()).isLessThan(clear.path("Sharpness").asDouble() * 0.6);
    }

    @Test
    void detectFaces_whenTheFaceSmilesAndAllAttributesAreAsked_hasHappyAsTopEmotion() throws IOException {
        ObjectNode request = request(TestPhotos.skimage("astronaut.png"));
        request.putArray("Attributes").add("ALL");

        JsonNode faces = call("DetectFaces", request).path("FaceDetails");

        assertThat(faces).hasSize(1);
        JsonNode emotions = faces.get(0).path("Emotions");
        assertThat(emotions).hasSize(8);
        assertThat(emotions.get(0).path("Type").asText()).isEqualTo("HAPPY");
        assertThat(emotions.get(0).path("Confidence").asDouble()).isGreaterThan(90);
        List<String> types = new ArrayList<>();
        emotions.forEach(e -> types.add(e.path("Type").asText()));
        assertThat(types).containsExactlyInAnyOrder("HAPPY", "SAD", "ANGRY", "CONFUSED", "DISGUSTED", "SURPRISED",
                "CALM", "FEAR");
        assertThat(faces.get(0).path("Landmarks")).extracting(l -> l.path("Type").asText())
                .containsExactly("eyeLeft", "eyeRight", "nose");
    }

    @Test
    void detectFaces_whenAllAttributesAreAsked_estimatesAgeRangeAndGender() throws IOException {
        // the skimage astronaut is Eileen Collins, photographed in her late thirties; the dev photo is Alan Greenspan
        // in his seventies (LFW's news photos are from about 2002)
        ObjectNode astronaut = request(TestPhotos.skimage("astronaut.png"));
        astronaut.putArray("Attributes").add("ALL");
        ObjectNode greenspan = request(Files.readAllBytes(DEV_PHOTO));
        greenspan.putArray("Attributes").add("ALL");

        JsonNode woman = call("DetectFaces", astronaut).path("FaceDetails").get(0);
        JsonNode man = call("DetectFaces", greenspan).path("FaceDetails").get(0);

        assertThat(woman.path("Gender").path("Value").asText()).isEqualTo("Female");
        assertThat(man.path("Gender").path("Value").asText()).isEqualTo("Male");
        assertThat(man.path("Gender").path("Confidence").asDouble()).isBetween(50.0, 100.0);
        assertThat(woman.path("AgeRange").path("Low").asInt()).isLessThanOrEqualTo(woman.path("AgeRange").path("High").asInt());
        assertThat(man.path("AgeRange").path("High").asInt())
                .as("an old man is placed older than a woman in her thirties")
                .isGreaterThan(woman.path("AgeRange").path("High").asInt());
        assertThat(woman.path("AgeRange").path("Low").asInt()).isBetween(15, 40);
        assertThat(man.path("AgeRange").path("High").asInt()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chelsea.png", "coffee.png"})
    void detectLabelsAndFaces_whenThePhotoShowsNoPerson_findNoPersonAndNoFace(String photo) throws IOException {
        byte[] image = TestPhotos.skimage(photo);

        JsonNode labels = call("DetectLabels", request(image)).path("Labels");
        JsonNode faces = call("DetectFaces", request(image)).path("FaceDetails");

        assertThat(labels).extracting(l -> l.path("Name").asText()).doesNotContain("Person");
        assertThat(faces).isEmpty();
    }

    @Test
    void detectLabels_whenThePhotoShowsPeople_returnsPersonWithBoxedInstances() throws IOException {
        // CenterNet's heat-map peaks for people sit around 30-65, so instances need a MinConfidence below the default
        ObjectNode request = request(TestPhotos.sample(5));
        request.put("MinConfidence", 30);

        JsonNode labels = call("DetectLabels", request).path("Labels");

        JsonNode person = labels.get(0);
        assertThat(person.path("Name").asText()).isEqualTo("Person");
        assertThat(person.path("Confidence").asDouble()).isGreaterThan(90);
        assertThat(person.path("Instances").size()).isGreaterThanOrEqualTo(3);
        for (JsonNode instance : person.path("Instances")) {
            assertThat(instance.path("BoundingBox").path("Width").asDouble()).isBetween(0.01, 1.0);
            assertThat(instance.path("Confidence").asDouble()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void detectLabels_whenOnlyTheDefaultMinConfidenceApplies_stillReportsThePersonAFaceShows() throws IOException {
        JsonNode labels = call("DetectLabels", request(TestPhotos.sample(4))).path("Labels");

        assertThat(labels.get(0).path("Name").asText()).isEqualTo("Person");
        assertThat(labels.get(0).path("Confidence").asDouble()).isGreaterThan(90);
    }

    @Test
    void detectLabels_whenMaxLabelsAndMinConfidenceAreGiven_honoursBoth() throws IOException {
        ObjectNode loose = request(TestPhotos.sample(2));
        loose.put("MinConfidence", 20);
        ObjectNode capped = request(TestPhotos.sample(2));
        capped.put("MinConfidence", 20);
        capped.put("MaxLabels", 1);

        JsonNode all = call("DetectLabels", loose).path("Labels");
        JsonNode one = call("DetectLabels", capped).path("Labels");

        assertThat(all.size()).isGreaterThan(1);
        assertThat(all).allSatisfy(l -> assertThat(l.path("Confidence").asDouble()).isGreaterThanOrEqualTo(20));
        assertThat(one).hasSize(1);
        assertThat(one.get(0).path("Name").asText()).isEqualTo(all.get(0).path("Name").asText());
    }

    @Test
    void recognizeCelebrities_whenAPersonIsEnrolledFromOnePhoto_namesThemInAnotherPhotoAndNoOneElse() throws IOException {
        BufferedImage group = TestPhotos.decode(TestPhotos.sample(1));
        JsonNode faces = call("DetectFaces", request(TestPhotos.sample(1))).path("FaceDetails");
        JsonNode otherFaces = call("DetectFaces", request(TestPhotos.sample(2))).path("FaceDetails");
        analyser.enrol("Ada Example", List.of(TestPhotos.jpeg(cropAround(group, faces.get(0).path("BoundingBox")))));
        analyser.enrol("Bob Example", List.of(TestPhotos.jpeg(cropAround(TestPhotos.decode(TestPhotos.sample(2)),
                otherFaces.get(0).path("BoundingBox")))));

        // the same group photo, mirrored and at 70 % size: Ada is there, Bob is not
        byte[] variant = TestPhotos.jpeg(TestPhotos.mirroredAndScaled(group, 0.7));
        JsonNode response = call("RecognizeCelebrities", request(variant));
        JsonNode unrelated = call("RecognizeCelebrities", request(TestPhotos.sample(6)));

        assertThat(response.path("CelebrityFaces")).hasSize(1);
        JsonNode ada = response.path("CelebrityFaces").get(0);
        assertThat(ada.path("Name").asText()).isEqualTo("Ada Example");
        assertThat(ada.path("MatchConfidence").asDouble()).isGreaterThanOrEqualTo(80);
        double mirroredLeft = 1 - faces.get(0).path("BoundingBox").path("Left").asDouble()
                - faces.get(0).path("BoundingBox").path("Width").asDouble();
        assertThat(ada.path("Face").path("BoundingBox").path("Left").asDouble()).isCloseTo(mirroredLeft,
                org.assertj.core.data.Offset.offset(0.05));
        assertThat(ada.path("Face").path("Emotions")).isNotEmpty();
        assertThat(response.path("UnrecognizedFaces")).hasSize(2);
        assertThat(unrelated.path("CelebrityFaces")).isEmpty();
        assertThat(unrelated.path("UnrecognizedFaces")).hasSize(4);
        try (var people = Files.list(knownFaces)) {
            assertThat(people.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Ada Example", "Bob Example");
        }
        assertThat(knownFaces.resolve("Ada Example").resolve(".embeddings.json")).exists();
    }

    @Test
    void enrol_whenThePhotoShowsNoFace_isRejectedAndNothingIsStored() {
        byte[] coffee = TestPhotos.skimage("coffee.png");

        assertThatThrownBy(() -> analyser.enrol("Nobody", List.of(coffee)))
                .isInstanceOf(InvalidEnrolmentException.class)
                .hasMessageContaining("no face");
        assertThat(knownFaces.resolve("Nobody")).doesNotExist();
    }

    @Test
    void enrol_whenTheNameIsAPath_isRejected() {
        assertThatThrownBy(() -> analyser.enrol("../escape", List.of(TestPhotos.sample(1))))
                .isInstanceOf(InvalidEnrolmentException.class);
    }

    private static BufferedImage cropAround(BufferedImage image, JsonNode box) {
        double w = box.path("Width").asDouble();
        double h = box.path("Height").asDouble();
        return TestPhotos.crop(image, box.path("Left").asDouble() - w, box.path("Top").asDouble() - h, 3 * w, 3 * h);
    }

    static ObjectNode request(byte[] image) {
        ObjectNode request = JSON.createObjectNode();
        request.putObject("Image").put("Bytes", Base64.getEncoder().encodeToString(image));
        return request;
    }

    private static JsonNode call(String operation, ObjectNode request) throws IOException {
        ApiResult result = analyser.handle("RekognitionService." + operation, JSON.writeValueAsBytes(request));
        assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
        return JSON.readTree(result.body());
    }
}
