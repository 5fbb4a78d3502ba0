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

    /**
     * A new queue subscribed to the tenant's topic, with the policy SNS needs to deliver to it (as a subscriber's
     * queue needs in AWS).
     */
    String subscriberQueue(LocalRuntime runtime, String tenantId) {
        String url = clients.sqs().createQueue(b -> b.queueName(tenantId + "-subscriber")).queueUrl();
        org.emotionanalyser.local.runtime.sqs.SnsQueueAccess.allow(clients.sqs(), url, "arn:aws:sns:*");
        String arn = clients.sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        String topicArn = "arn:aws:sns:" + runtime.region() + ":000000000000:emotion-analyser-local-tenant_"
                + tenantId;
        clients.sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn));
        return url;
    }

    /** What is on the queue now (one short poll of up to ten messages), left there. */
    List<Message> peek(String queueUrl) {
        return clients.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
                .messages();
    }

    @Override
    public void close() {
        clients.close();
    }
}
