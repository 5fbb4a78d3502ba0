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

import java.net.URI;
import java.util.Map;

/**
 * SDK clients pointed at the local edge endpoint, built by {@link LocalAwsClients} - the same settings
 * (region, timeouts, endpoint override, static credentials) local mode gives the functions.
 */
public final class TestClients implements AutoCloseable {

    public static final String REGION = "eu-west-1";
    public static final String ACCOUNT = "000000000000";
    private static final String ACCESS_KEY_ID = "AKIDLOCAL";
    private static final String SECRET_ACCESS_KEY = "any-secret";

    private final URI endpoint;
    private final LocalAwsClients clients;
    public final S3Client s3;
    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final EventBridgeClient events;
    final SnsClient sns;

    public TestClients(URI endpoint) {
        this.endpoint = endpoint;
        clients = LocalAwsClients.create(Map.of(AwsClientSettings.REGION, REGION,
                AwsClientSettings.ENDPOINT_URL, endpoint.toString(),
                AwsClientSettings.ACCESS_KEY_ID, ACCESS_KEY_ID,
                AwsClientSettings.SECRET_ACCESS_KEY, SECRET_ACCESS_KEY));
        s3 = clients.s3();
        sqs = clients.sqs();
        dynamoDb = clients.dynamoDb();
        events = clients.eventBridge();
        sns = clients.sns();
    }

    /** A new presigner for the edge endpoint (path-style, as the S3 client); the caller closes it. */
    S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    @Override
    public void close() {
        clients.close();
    }
}
