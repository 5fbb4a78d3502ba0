package org.emotionanalyser.local.runtime;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.Map;

/**
 * The SDK clients the runtime itself uses against the local edge (provisioning, SQS polling), built the same way
 * the functions build theirs.
 */
public record LocalAwsClients(S3Client s3, DynamoDbClient dynamoDb, SqsClient sqs, SnsClient sns,
                              EventBridgeClient eventBridge) implements AutoCloseable {

    // Long enough for a long-polling ReceiveMessage (up to 20 s) to come back.
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Builds every client from the runtime's own environment (region, edge endpoint, dummy credentials). */
    public static LocalAwsClients create(Map<String, String> env) {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(env);
        return new LocalAwsClients(
                settings.build(S3Client.builder().forcePathStyle(true), API_CALL_TIMEOUT),
                settings.build(DynamoDbClient.builder(), API_CALL_TIMEOUT),
                sqs(env),
                settings.build(SnsClient.builder(), API_CALL_TIMEOUT),
                settings.build(EventBridgeClient.builder(), API_CALL_TIMEOUT));
    }

    /** One SQS client built from {@code env}, as {@link #create} builds its own. */
    public static SqsClient sqs(Map<String, String> env) {
        return AwsClientSettings.fromEnvironment(env).build(SqsClient.builder(), API_CALL_TIMEOUT);
    }

    @Override
    public void close() {
        s3.close();
        dynamoDb.close();
        sqs.close();
        sns.close();
        eventBridge.close();
    }
}
