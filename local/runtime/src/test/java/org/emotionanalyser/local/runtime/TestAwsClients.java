package org.emotionanalyser.local.runtime;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SDK clients a test uses against a running runtime's edge, as any user's client would. */
final class TestAwsClients implements AutoCloseable {

    private final LocalAwsClients clients;

    TestAwsClients(LocalRuntime runtime) {
        clients = LocalAwsClients.create(Map.of("AWS_REGION", runtime.region(),
                "AWS_ENDPOINT_URL", runtime.edgeEndpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
    }

    S3Client s3() {
        return clients.s3();
    }

    SqsClient sqs() {
        return clients.sqs();
    }

    DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    SnsClient sns() {
        return clients.sns();
    }

    String queueUrl(String name) {
        return clients.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
    }

    /** Receives (and deletes) messages until {@code count} arrived or the time is up. */
    List<Message> receive(String queueUrl, int count, Duration within) {
        List<Message> received = new ArrayList<>();
        long deadline = System.currentTimeMillis() + within.toMillis();
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            for (Message m : clients.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
                    .maxNumberOfMessages(10).messageAttributeNames("All")).messages()) {
                received.add(m);
                clients.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        if (received.size() < count) {
            throw new AssertionError("expected " + count + " message(s) on " + queueUrl + " within " + within
                    + ", got " + received.size());
        }
        return received;
    }

    @Override
    public void close() {
        clients.close();
    }
}
