package org.emotionanalyser.local.runtime;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SDK clients a test uses against a local edge endpoint, as any user's client would, built by
 * {@link LocalAwsClients} with the settings (timeouts, endpoint override, static credentials) local mode gives the
 * functions; plus the few queue and topic steps tests repeat.
 */
public final class TestAwsClients implements AutoCloseable {

    /** The region the service-level tests start the local services in. */
    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "000000000000";
    private static final String ACCESS_KEY_ID = "AKIDLOCAL";
    private static final String SECRET_ACCESS_KEY = "any-secret";

    private final URI endpoint;
    private final String region;
    private final LocalAwsClients clients;

    /** Clients for a running runtime's edge, in its region. */
    public TestAwsClients(LocalRuntime runtime) {
        this(runtime.edgeEndpoint(), runtime.region());
    }

    /** Clients for local services started in {@link #REGION}. */
    public TestAwsClients(URI endpoint) {
        this(endpoint, REGION);
    }

    private TestAwsClients(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = region;
        clients = LocalAwsClients.create(Map.of(AwsClientSettings.REGION, region,
                AwsClientSettings.ENDPOINT_URL, endpoint.toString(),
                AwsClientSettings.ACCESS_KEY_ID, ACCESS_KEY_ID,
                AwsClientSettings.SECRET_ACCESS_KEY, SECRET_ACCESS_KEY));
    }

    public S3Client s3() {
        return clients.s3();
    }

    public SqsClient sqs() {
        return clients.sqs();
    }

    public DynamoDbClient dynamoDb() {
        return clients.dynamoDb();
    }

    public SnsClient sns() {
        return clients.sns();
    }

    public EventBridgeClient events() {
        return clients.eventBridge();
    }

    /** A new presigner for the edge endpoint (path-style, as the S3 client); the caller closes it. */
    public S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
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
        org.emotionanalyser.local.runtime.sqs.QueueAccess.allowTopics(clients.sqs(), url, "arn:aws:sns:*");
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
