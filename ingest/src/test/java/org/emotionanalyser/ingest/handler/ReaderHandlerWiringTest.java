package org.emotionanalyser.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.fasterxml.jackson.databind.JsonNode;
import org.emotionanalyser.ingest.testing.AwsReplayServer;
import org.emotionanalyser.ingest.testing.AwsReplayServer.Reply;
import org.emotionanalyser.lambdasupport.testing.EventFixtures;
import org.emotionanalyser.ingest.testing.TestImages;
import org.emotionanalyser.router.json.EventJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader built from an environment map exactly as local mode builds it - real S3, Rekognition and EventBridge
 * clients pointed at one local endpoint - processing a notification end to end.
 */
class ReaderHandlerWiringTest {

    private static final String BUCKET = "emotion-analyser-local-images";

    private AwsReplayServer server;
    private final byte[] jpeg = TestImages.jpeg(320, 240);

    @BeforeEach
    void start() throws IOException {
        server = new AwsReplayServer()
                .putObject(BUCKET, "uploads/acme-events/7c9e6679f4254fd8a1b2c3d4e5f60718.jpg", jpeg)
                .putObject(BUCKET, "uploads/acme-events/Gruppenfoto Sommerfest.webp",
                        TestImages.webp(300, 200, 120, 80, 60))
                .on("DetectLabels", Reply.ok("rekognition/detect-labels-person.json"))
                .on("RecognizeCelebrities", Reply.ok("rekognition/recognize-celebrities-group.json"))
                // The idempotency table accepts every claim and completion.
                .on("PutItem", new Reply(200, "{}"))
                // The tenants table: the uploads' tenant is active.
                .on("GetItem", new Reply(200, "{\"Item\":{\"status\":{\"S\":\"ACTIVE\"}}}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void handleRequest_whenOneLocalEndpointServesStoreAndAnalyser_referencesTheStoredJpegAndPublishesToTheBus()
            throws IOException {
        ReaderHandler handler = new ReaderHandler(localEnvironment(Map.of()));

        handler.handleRequest(EventFixtures.event("s3-object-created-local-mode.json", S3Event.class), null);

        // Each object version is claimed before analysis and marked done after its event.
        assertThat(server.requestsFor("PutItem")).isEqualTo(4);
        assertThat(server.requestsFor("GetItem")).as("one tenant status read per upload").isEqualTo(2);

        List<JsonNode> detectLabels = detectLabelsImages();
        assertThat(detectLabels).hasSize(2);
        // The JPEG is analysed where it is stored, as in AWS; the WebP, which Rekognition cannot read, as JPEG bytes.
        assertThat(detectLabels.get(0).at("/S3Object/Bucket").asText()).isEqualTo(BUCKET);
        assertThat(detectLabels.get(0).at("/S3Object/Name").asText())
                .isEqualTo("uploads/acme-events/7c9e6679f4254fd8a1b2c3d4e5f60718.jpg");
        assertThat(detectLabels.get(0).has("Bytes")).isFalse();
        byte[] secondImage = Base64.getDecoder().decode(detectLabels.get(1).at("/Bytes").asText());
        assertThat(secondImage).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertPublishedToTheLocalBus();
    }

    @Test
    void handleRequest_whenTheAnalyserHasAnotherEndpointThanTheStore_sendsImageBytesAndPublishesToTheBus()
            throws IOException {
        // The same server under another name: to the reader, an analyser that may not see this store.
        ReaderHandler handler = new ReaderHandler(localEnvironment(Map.of("AWS_ENDPOINT_URL_REKOGNITION",
                server.endpoint().toString().replace("127.0.0.1", "localhost"))));

        handler.handleRequest(EventFixtures.event("s3-object-created-local-mode.json", S3Event.class), null);

        List<JsonNode> detectLabels = detectLabelsImages();
        assertThat(detectLabels).hasSize(2);
        assertThat(Base64.getDecoder().decode(detectLabels.get(0).at("/Bytes").asText())).isEqualTo(jpeg);
        byte[] secondImage = Base64.getDecoder().decode(detectLabels.get(1).at("/Bytes").asText());
        assertThat(secondImage).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        assertPublishedToTheLocalBus();
    }

    private Map<String, String> localEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "UPLOAD_BUCKET", BUCKET,
                "EVENT_BUS_NAME", "emotion-analyser-local-bus",
                "ANALYZER_NAME", "local",
                "IDEMPOTENCY_TABLE", "emotion-analyser-local-idempotency",
                "TENANTS_TABLE", "emotion-analyser-local-tenants"));
        env.putAll(extra);
        return env;
    }

    /** The {@code Image} of every DetectLabels request, in order. */
    private List<JsonNode> detectLabelsImages() {
        return server.requests().stream()
                .filter(request -> request.operation().equals("DetectLabels"))
                .map(request -> read(request.body()).get("Image"))
                .toList();
    }

    private void assertPublishedToTheLocalBus() {
        List<JsonNode> entries = server.requests().stream()
                .filter(request -> request.operation().equals("PutEvents"))
                .map(request -> read(request.body()).get("Entries").get(0))
                .toList();
        assertThat(entries).hasSize(2);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.get("EventBusName").asText()).isEqualTo("emotion-analyser-local-bus");
            assertThat(entry.get("Source").asText()).isEqualTo("emotion-analyser.ingest");
            assertThat(entry.get("DetailType").asText()).isEqualTo("ImageAnalyzed");
        });
        JsonNode first = read(entries.get(0).get("Detail").asText());
        assertThat(first.get("imageId").asText()).isEqualTo("7c9e6679f4254fd8a1b2c3d4e5f60718");
        assertThat(first.get("analyzer").asText()).isEqualTo("local");
        assertThat(first.get("faces")).hasSize(3);
        JsonNode second = read(entries.get(1).get("Detail").asText());
        assertThat(second.at("/object/key").asText()).isEqualTo("uploads/acme-events/Gruppenfoto Sommerfest.webp");
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
