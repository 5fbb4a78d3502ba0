package org.emotionanalyser.local.runtime.services;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;

/** SDK clients configured the way the Lambda code configures them, pointed at the local edge endpoint. */
final class TestClients implements AutoCloseable {

    static final String REGION = "eu-west-1";
    static final String ACCOUNT = "000000000000";

    private final URI endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(30)).build();
    final S3Client s3;
    final SqsClient sqs;
    final DynamoDbClient dynamoDb;
    final EventBridgeClient events;
    final SnsClient sns;

    TestClients(URI endpoint) {
        this.endpoint = endpoint;
        s3 = configure(S3Client.builder().forcePathStyle(true));
        sqs = configure(SqsClient.builder());
        dynamoDb = configure(DynamoDbClient.builder());
        events = configure(EventBridgeClient.builder());
        sns = configure(SnsClient.builder());
    }

    S3Presigner presigner() {
        return S3Presigner.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(credentials())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "any-secret"));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder.region(Region.of(REGION))
                .credentialsProvider(credentials())
                .endpointOverride(endpoint)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    @Override
    public void close() {
        s3.close();
        sqs.close();
        dynamoDb.close();
        events.close();
        sns.close();
        http.close();
    }
}
