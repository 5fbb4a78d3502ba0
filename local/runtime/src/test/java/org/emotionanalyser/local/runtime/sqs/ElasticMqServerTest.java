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
 * The in-process calls the local services make: the send the EventBridge and SNS deliveries use (what it stores is
 * what a client then receives over SQS's API, as if the message had been sent over HTTP, and it refuses what SQS
 * refuses), and the receive and delete Lambda's queue pollers use (they answer what SQS's API answers).
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

    @Test
    void receiveMessages_whenAClientReceivedTheSameMessageOverHttp_answersTheSameMessage() {
        // visibility timeout 0: the message can be received over HTTP and then in process
        String queueUrl = sqs.createQueue(c -> c.queueName("tenant-acme")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"))).queueUrl();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("emotion", text("String", "HAPPY"));
        attributes.put("faces", text("Number.count", "3"));
        attributes.put("thumbnail", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2, 3})).build());
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("{\"imageId\":\"a\"}").messageAttributes(attributes));
        Message overHttp = sqs.receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(1)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().get(0);

        List<Message> inProcess = server.receiveMessages("tenant-acme", 10, 1);

        assertThat(inProcess).hasSize(1);
        Message message = inProcess.get(0);
        assertThat(message.messageId()).isEqualTo(overHttp.messageId());
        assertThat(message.body()).isEqualTo(overHttp.body());
        assertThat(message.md5OfBody()).isEqualTo(overHttp.md5OfBody());
        assertThat(message.messageAttributes()).isEqualTo(overHttp.messageAttributes());
        assertThat(message.md5OfMessageAttributes()).isNotNull().isEqualTo(overHttp.md5OfMessageAttributes());
        assertThat(message.receiptHandle()).isNotBlank().isNotEqualTo(overHttp.receiptHandle());
        Map<MessageSystemAttributeName, String> expected = new LinkedHashMap<>(overHttp.attributes());
        expected.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
        assertThat(message.attributes()).isEqualTo(expected);
    }

    @Test
    void receiveMessages_whenAMessageWasReceivedMoreThanMaxReceiveCount_movesItToTheDeadLetterQueue() {
        sqs.createQueue(c -> c.queueName("tenant-acme-dlq"));
        String queueUrl = sqs.createQueue(c -> c.queueName("tenant-acme").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "0",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"arn:aws:sqs:" + REGION
                        + ":000000000000:tenant-acme-dlq\",\"maxReceiveCount\":\"1\"}"))).queueUrl();
        sqs.sendMessage(m -> m.queueUrl(queueUrl).messageBody("poison"));

        assertThat(server.receiveMessages("tenant-acme", 10, 1)).extracting(Message::body).containsExactly("poison");
        assertThat(server.receiveMessages("tenant-acme", 10, 0)).isEmpty();

        List<Message> deadLetters = server.receiveMessages("tenant-acme-dlq", 10, 1);
        assertThat(deadLetters).extracting(Message::body).containsExactly("poison");
        assertThat(deadLetters.get(0).attributes()).containsEntry(
                MessageSystemAttributeName.DEAD_LETTER_QUEUE_SOURCE_ARN,
                "arn:aws:sqs:" + REGION + ":000000000000:tenant-acme");
    }

    @Test
    void deleteMessage_whenReceived_theMessageIsGoneAlsoAfterARestart() throws Exception {
        sqs.createQueue(c -> c.queueName("tenant-acme")
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0")));
        server.sendMessage("tenant-acme", "handled", Map.of());
        server.sendMessage("tenant-acme", "kept", Map.of());
        Message handled = server.receiveMessages("tenant-acme", 10, 1).stream()
                .filter(m -> m.body().equals("handled")).findFirst().orElseThrow();

        server.deleteMessage("tenant-acme", handled.receiptHandle());
        sqs.close();
        server.close();
        server = ElasticMqServer.start(directory, REGION, "000000000000");
        sqs = client(server);

        assertThat(server.receiveMessages("tenant-acme", 10, 1)).extracting(Message::body).containsExactly("kept");
    }

    @Test
    void deleteMessage_whenTheReceiptHandleIsNotTheQueues_throwsReceiptHandleIsInvalid() {
        sqs.createQueue(c -> c.queueName("tenant-acme"));

        assertThatThrownBy(() -> server.deleteMessage("tenant-acme", "not-a-receipt"))
                .isInstanceOfSatisfying(SqsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ReceiptHandleIsInvalid");
                });
    }

    @Test
    void receiveMessages_whenTheQueueIsMissingOrTheRequestOutOfRange_refusesAsSqsDoes() {
        sqs.createQueue(c -> c.queueName("tenant-acme"));

        assertThatThrownBy(() -> server.receiveMessages("deleted-tenant", 10, 0))
                .isInstanceOf(QueueDoesNotExistException.class).hasMessageContaining("deleted-tenant");
        assertThatThrownBy(() -> server.receiveMessages("tenant-acme", 11, 0))
                .isInstanceOf(SqsException.class).hasMessageContaining("MaxNumberOfMessages");
        assertThatThrownBy(() -> server.receiveMessages("tenant-acme", 10, 21))
                .isInstanceOf(SqsException.class).hasMessageContaining("WaitTimeSeconds");
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
