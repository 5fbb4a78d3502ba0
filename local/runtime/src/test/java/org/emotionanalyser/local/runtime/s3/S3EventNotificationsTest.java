package org.emotionanalyser.local.runtime.s3;

import org.emotionanalyser.local.runtime.edge.Json;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The ObjectCreated notification against S3's documented event (an unversioned bucket: no versionId). */
class S3EventNotificationsTest {

    private final S3EventNotifications notifications = new S3EventNotifications("eu-west-1");

    @Test
    void objectCreated_whenCompared_hasTheFieldsAndValueTypesOfS3sEvent() throws IOException {
        JsonNode documented;
        try (InputStream in = getClass().getResourceAsStream("/services/s3-object-created-put.json")) {
            documented = Json.MAPPER.readTree(in);
        }

        JsonNode ours = Json.MAPPER.readTree(notifications.objectCreated("ObjectCreated:Put", "amzn-s3-demo-bucket",
                "HappyFace.jpg", 1024, "d41d8cd98f00b204e9800998ecf8427e", Instant.EPOCH));

        assertThat(shape(ours)).isEqualTo(shape(documented));
        JsonNode record = ours.get("Records").get(0);
        assertThat(record.get("eventTime").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(record.get("s3").get("bucket").get("arn").asText()).isEqualTo("arn:aws:s3:::amzn-s3-demo-bucket");
        assertThat(record.get("s3").get("object").get("sequencer").asText()).matches("[0-9A-F]{18}");
    }

    @Test
    void objectCreated_whenTwoWritesFollow_giveTheLaterOneTheGreaterSequencer() throws IOException {
        String first = sequencer(notifications.objectCreated("ObjectCreated:Put", "b", "k", 1, "e", Instant.now()));
        String second = sequencer(notifications.objectCreated("ObjectCreated:Put", "b", "k", 1, "e", Instant.now()));

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void encodeKey_whenKeyHasSpacesPlusSlashesAndUnicode_encodesAsS3Does() {
        assertThat(S3EventNotifications.encodeKey("uploads/acme/caf\u00e9 + photo (1).jpg"))
                .isEqualTo("uploads/acme/caf%C3%A9+%2B+photo+%281%29.jpg");
    }

    private static String sequencer(String json) throws IOException {
        return Json.MAPPER.readTree(json).get("Records").get(0).get("s3").get("object").get("sequencer").asText();
    }

    /** Every field path with the JSON type of its value. */
    private static Map<String, String> shape(JsonNode node) {
        Map<String, String> shape = new TreeMap<>();
        collect("", node, shape);
        return shape;
    }

    private static void collect(String path, JsonNode node, Map<String, String> shape) {
        shape.put(path, node.getNodeType().name());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collect(path + "/" + field.getKey(), field.getValue(), shape);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(path + "[]", element, shape);
            }
        }
    }
}
