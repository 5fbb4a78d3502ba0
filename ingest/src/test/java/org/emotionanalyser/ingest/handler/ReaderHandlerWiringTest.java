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
    void handleRequest_whenBuiltFromALocalEnvironment_sendsImageBytesAndPublishesToTheConfiguredBus()
            throws IOException {
        ReaderHandler handler = new ReaderHandler(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "local",
                "AWS_SECRET_ACCESS_KEY", "local",
                "UPLOAD_BUCKET", BUCKET,
                "EVENT_BUS_NAME", "emotion-analyser-local-bus",
                "ANALYZER_NAME", "local",
                "IDEMPOTENCY_TABLE", "emotion-analyser-local-idempotency",
                "TENANTS_TABLE", "emotion-analyser-local-tenants"));

        handler.handleRequest(EventFixtures.event("s3-object-created-local-mode.json", S3Event.class), null);

        // Each object version is claimed before analysis and marked done after its event.
        assertThat(server.requestsFor("PutItem")).isEqualTo(4);
        assertThat(server.requestsFor("GetItem")).as("one tenant status read per upload").isEqualTo(2);

        List<AwsReplayServer.Request> detectLabels = server.requests().stream()
                .filter(request -> request.operation().equals("DetectLabels")).toList();
        assertThat(detectLabels).hasSize(2);
        byte[] firstImage = Base64.getDecoder().decode(
                EventJson.mapper().readTree(detectLabels.get(0).body()).at("/Image/Bytes").asText());
        assertThat(firstImage).isEqualTo(jpeg);
        byte[] secondImage = Base64.getDecoder().decode(
                EventJson.mapper().readTree(detectLabels.get(1).body()).at("/Image/Bytes").asText());
        assertThat(secondImage).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);

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
