package org.emotionanalyser.local.analyser.api;

import org.emotionanalyser.local.analyser.LocalAnalyzer;
import org.emotionanalyser.local.analyser.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Attribute;
import software.amazon.awssdk.services.rekognition.model.DetectFacesResponse;
import software.amazon.awssdk.services.rekognition.model.DetectLabelsResponse;
import software.amazon.awssdk.services.rekognition.model.EmotionName;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.rekognition.model.ImageTooLargeException;
import software.amazon.awssdk.services.rekognition.model.InvalidImageFormatException;
import software.amazon.awssdk.services.rekognition.model.InvalidParameterException;
import software.amazon.awssdk.services.rekognition.model.InvalidS3ObjectException;
import software.amazon.awssdk.services.rekognition.model.RecognizeCelebritiesResponse;
import software.amazon.awssdk.services.rekognition.model.S3Object;

import java.awt.image.BufferedImage;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS SDK's own RekognitionClient against the local endpoint: every response and error must parse. */
class RekognitionSdkIntegrationTest {

    private static final String BUCKET = "photos";
    private static final Map<String, byte[]> OBJECTS = Map.of(
            "group/sample3.jpg", TestPhotos.sample(3),
            "huge.jpg", new byte[16 * 1024 * 1024]);

    @TempDir
    static Path knownFaces;
    private static LocalAnalyzer analyser;
    private static RekognitionHttpServer server;
    private static RekognitionClient rekognition;

    @BeforeAll
    static void start() {
        analyser = LocalAnalyzer.create(knownFaces,
                (bucket, key, version) -> BUCKET.equals(bucket) ? Optional.ofNullable(OBJECTS.get(key)) : Optional.empty());
        server = RekognitionHttpServer.start(analyser.api(), new InetSocketAddress("127.0.0.1", 0));
        rekognition = RekognitionClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        rekognition.close();
        server.close();
        analyser.close();
    }

    @Test
    void detectFaces_whenCalledThroughTheSdkWithAllAttributes_parsesFacesWithEmotions() {
        DetectFacesResponse response = rekognition.detectFaces(r -> r.image(bytes(TestPhotos.sample(1)))
                .attributes(Attribute.ALL));

        assertThat(response.faceDetails()).hasSize(3);
        FaceDetail face = response.faceDetails().get(0);
        assertThat(face.boundingBox().width()).isBetween(0.02f, 0.5f);
        assertThat(face.confidence()).isGreaterThan(80f);
        assertThat(face.emotions()).hasSize(8);
        assertThat(face.emotions().get(0).confidence()).isGreaterThanOrEqualTo(face.emotions().get(1).confidence());
        assertThat(face.emotions()).extracting(e -> e.type()).doesNotContain(EmotionName.UNKNOWN_TO_SDK_VERSION);
        assertThat(face.landmarks()).hasSize(3);
        assertThat(face.pose().roll()).isBetween(-180f, 180f);
        assertThat(face.pose().yaw()).isBetween(-90f, 90f);
        assertThat(face.pose().pitch()).isBetween(-90f, 90f);
        assertThat(face.quality().brightness()).isBetween(0f, 100f);
        assertThat(face.quality().sharpness()).isBetween(0f, 100f);
    }

    @Test
    void detectLabels_whenTheImageIsAnS3Object_readsItThroughTheFetcher() {
        DetectLabelsResponse response = rekognition.detectLabels(r -> r
                .image(Image.builder().s3Object(S3Object.builder().bucket(BUCKET).name("group/sample3.jpg").build()).build())
                .minConfidence(30f).maxLabels(3));

        assertThat(response.labels()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(response.labels().get(0).name()).isEqualTo("Person");
        assertThat(response.labels().get(0).confidence()).isGreaterThan(90f);
        assertThat(response.labels().get(0).instances()).isNotEmpty()
                .allSatisfy(i -> assertThat(i.boundingBox().height()).isPositive());
    }

    @Test
    void recognizeCelebrities_whenOnePersonIsEnrolled_parsesCelebrityAndUnrecognisedFaces() {
        BufferedImage group = TestPhotos.decode(TestPhotos.sample(6));
        FaceDetail first = rekognition.detectFaces(r -> r.image(bytes(TestPhotos.sample(6)))).faceDetails().get(0);
        var box = first.boundingBox();
        analyser.enrol("Grace Example", List.of(TestPhotos.jpeg(TestPhotos.crop(group, box.left() - box.width(),
                box.top() - box.height(), 3 * box.width(), 3 * box.height()))));

        RecognizeCelebritiesResponse response = rekognition.recognizeCelebrities(r -> r.image(bytes(TestPhotos.sample(6))));

        assertThat(response.celebrityFaces()).hasSize(1);
        assertThat(response.celebrityFaces().get(0).name()).isEqualTo("Grace Example");
        assertThat(response.celebrityFaces().get(0).id()).isNotBlank();
        assertThat(response.celebrityFaces().get(0).matchConfidence()).isGreaterThanOrEqualTo(80f);
        assertThat(response.celebrityFaces().get(0).face().emotions()).hasSize(8);
        assertThat(response.celebrityFaces().get(0).face().pose()).isNotNull();
        assertThat(response.celebrityFaces().get(0).face().quality().sharpness()).isPositive();
        assertThat(response.unrecognizedFaces()).hasSize(3)
                .allSatisfy(f -> assertThat(f.boundingBox().width()).isPositive())
                .allSatisfy(f -> assertThat(f.pose().roll()).isBetween(-180f, 180f))
                .allSatisfy(f -> assertThat(f.quality().brightness()).isPositive());
    }

    @Test
    void detectFaces_whenTheBytesAreNotAnImage_failsWithInvalidImageFormat() {
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(bytes("not an image".getBytes()))))
                .isInstanceOf(InvalidImageFormatException.class)
                .satisfies(e -> assertThat(((InvalidImageFormatException) e).statusCode()).isEqualTo(400));
    }

    @Test
    void detectFaces_whenTheBytesExceedFiveMegabytes_failsWithImageTooLarge() {
        byte[] tooLarge = new byte[5 * 1024 * 1024 + 1];

        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(bytes(tooLarge))))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("S3Object");
    }

    @Test
    void detectLabels_whenTheS3ObjectExceedsFifteenMegabytes_failsWithImageTooLarge() {
        assertThatThrownBy(() -> rekognition.detectLabels(r -> r.image(s3("huge.jpg"))))
                .isInstanceOf(ImageTooLargeException.class);
    }

    @Test
    void recognizeCelebrities_whenTheS3ObjectIsMissing_failsWithInvalidS3Object() {
        assertThatThrownBy(() -> rekognition.recognizeCelebrities(r -> r.image(s3("missing.jpg"))))
                .isInstanceOf(InvalidS3ObjectException.class)
                .hasMessageContaining("missing.jpg");
    }

    @Test
    void detectLabels_whenMinConfidenceIsAbove100_failsWithInvalidParameter() {
        assertThatThrownBy(() -> rekognition.detectLabels(r -> r.image(bytes(TestPhotos.sample(1))).minConfidence(150f)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("MinConfidence");
    }

    @Test
    void detectFaces_whenAnAttributeIsUnknown_failsWithInvalidParameter() {
        assertThatThrownBy(() -> rekognition.detectFaces(r -> r.image(bytes(TestPhotos.sample(1)))
                .attributesWithStrings("EVERYTHING")))
                .isInstanceOf(InvalidParameterException.class);
    }

    private static Image bytes(byte[] image) {
        return Image.builder().bytes(SdkBytes.fromByteArray(image)).build();
    }

    private static Image s3(String key) {
        return Image.builder().s3Object(S3Object.builder().bucket(BUCKET).name(key).build()).build();
    }
}
