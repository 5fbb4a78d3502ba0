package org.emotionanalyser.local.runtime.sqs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-process send the local EventBridge and SNS deliveries use: what it stores is what a client then receives
 * over SQS's API, as if the message had been sent over HTTP, and it refuses what SQS refuses.
 */
class ElasticMqServerTest {

    private static final String REGION = "eu-west-1";

    @TempDir
    Path directory;

    private ElasticMqServer server;
    private SqsClient sqs;

    @BeforeEach
    void start() throws Exception {
        server = ElasticMqServer.start(directory, REGION, "000000000000");
        sqs = client(server);
    }

    @AfterEach
    void stop() throws Exception {
        sqs.close();
        server.close();
    }

    @Test
    void sendMessage_whenTheQueueExists_clientsReceiveTheBodyAndEachTypeOfAttribute() {
        String queueUrl = sqs.createQueue(c -> c.queueName("tenant-acme")).queueUrl();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("emotion", text("String", "HAPPY"));
        attributes.put("faces", MessageAttributeValue.builder().dataType("Number.count").stringValue("3").build());
        attributes.put("thumbnail", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build());

        server.sendMessage("tenant-acme", "{\"imageId\":\"a\"}", attributes);

        List<Message> received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
                .messages();
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        assertThat(message.body()).isEqualTo("{\"imageId\":\"a\"}");
        assertThat(message.messageAttributes()).containsOnlyKeys("emotion", "faces", "thumbnail");
        assertThat(message.messageAttributes().get("emotion")).isEqualTo(text("String", "HAPPY"));
        assertThat(message.messageAttributes().get("faces").dataType()).isEqualTo("Number.count");
        assertThat(message.messageAttributes().get("faces").stringValue()).isEqualTo("3");
        assertThat(message.messageAttributes().get("thumbnail").binaryValue().asByteArray())
                .containsExactly(1, 2, 3);
        assertThat(message.attributes()).containsKey(MessageSystemAttributeName.SENT_TIMESTAMP);
    }

    @Test
    void sendMessage_whenTheServerRestarts_theMessageIsStillThere() throws Exception {
        sqs.createQueue(c -> c.queueName("tenant-acme"));
        server.sendMessage("tenant-acme", "kept across the restart", Map.of());
        sqs.close();
        server.close();

        server = ElasticMqServer.start(directory, REGION, "000000000000");
        sqs = client(server);

        String queueUrl = sqs.getQueueUrl(g -> g.queueName("tenant-acme")).queueUrl();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                .extracting(Message::body).containsExactly("kept across the restart");
    }

    @Test
    void sendMessage_whenTheQueueDoesNotExist_throwsQueueDoesNotExist() {
        assertThatThrownBy(() -> server.sendMessage("deleted-tenant", "body", Map.of()))
                .isInstanceOf(QueueDoesNotExistException.class)
                .hasMessageContaining("deleted-tenant");
    }

    @Test
    void sendMessage_whenTheQueueIsFifo_refusesItForWantOfAMessageGroupId() {
        sqs.createQueue(c -> c.queueName("orders.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")));

        assertThatThrownBy(() -> server.sendMessage("orders.fifo", "body", Map.of()))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
                })
                .hasMessageContaining("MessageGroupId");
    }

    @Test
    void sendMessage_whenTheBodyIsEmptyOrHasCharactersSqsRefuses_refusesIt() {
        sqs.createQueue(c -> c.queueName("tenant-acme"));

        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "", Map.of()))
                .isInstanceOfSatisfying(SqsException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAttributeValue"))
                .hasMessageContaining("MessageBody");
        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "bell \u0007", Map.of()))
                .isInstanceOf(SqsException.class)
                .hasMessageContaining("InvalidMessageContents");
    }

    @Test
    void sendMessage_whenAttributesBreakSqsRules_refusesTheMessageAndStoresNothing() {
        String queueUrl = sqs.createQueue(c -> c.queueName("tenant-acme")).queueUrl();
        Map<String, MessageAttributeValue> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("a" + i, text("String", "v"));
        }

        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "body", eleven))
                .isInstanceOf(SqsException.class).hasMessageContaining("exceeds the allowed maximum [10]");
        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "body", Map.of("n", text("Number", "many"))))
                .isInstanceOf(SqsException.class).hasMessageContaining("Number attribute value many");
        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "body", Map.of("e", text("String", ""))))
                .isInstanceOf(SqsException.class).hasMessageContaining("non-empty value");
        assertThatThrownBy(() -> server.sendMessage("tenant-acme", "body", Map.of("d", text("Date", "today"))))
                .isInstanceOf(SqsException.class).hasMessageContaining("String, Number or Binary");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages()).isEmpty();
    }

    private static MessageAttributeValue text(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }

    private static SqsClient client(ElasticMqServer server) {
        return SqsClient.builder().endpointOverride(server.endpoint()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
