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
 * The SDK clients the runtime itself uses against the local edge (provisioning, asynchronous invocations'
 * destinations), built the same way the functions build theirs. Lambda's queue pollers need none: they receive and
 * delete in process ({@link org.emotionanalyser.local.runtime.sqs.SqsMessageSource}).
 */
public record LocalAwsClients(S3Client s3, DynamoDbClient dynamoDb, SqsClient sqs, SnsClient sns,
                              EventBridgeClient eventBridge) implements AutoCloseable {

    // Generous: the runtime's own calls are few, and provisioning on a loaded machine must not fail for want of time.
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

    /** Builds every client from the runtime's own environment (region, edge endpoint, dummy credentials). */
    public static LocalAwsClients create(Map<String, String> env) {
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(env);
        return new LocalAwsClients(
                settings.build(S3Client.builder().forcePathStyle(true), API_CALL_TIMEOUT),
                settings.build(DynamoDbClient.builder(), API_CALL_TIMEOUT),
                settings.build(SqsClient.builder(), API_CALL_TIMEOUT),
                settings.build(SnsClient.builder(), API_CALL_TIMEOUT),
                settings.build(EventBridgeClient.builder(), API_CALL_TIMEOUT));
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
