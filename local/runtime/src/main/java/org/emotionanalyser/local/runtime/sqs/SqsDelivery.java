package org.emotionanalyser.local.runtime.sqs;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends messages to local queues named by ARN, for the EventBridge and SNS deliveries, through an SDK client
 * talking to ElasticMQ directly.
 */
public final class SqsDelivery implements AutoCloseable {

    private final SqsClient sqs;
    private final URI endpoint;

    public SqsDelivery(URI elasticMqEndpoint, String region) {
        this.endpoint = elasticMqEndpoint;
        this.sqs = SqsClient.builder()
                .endpointOverride(elasticMqEndpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)).build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build())
                .build();
    }

    /**
     * Sends one message to the queue with the given ARN ({@code arn:aws:sqs:<region>:<account>:<name>}).
     *
     * @throws IllegalArgumentException when the ARN is not an SQS queue ARN
     * @throws software.amazon.awssdk.core.exception.SdkException when the queue does not exist or ElasticMQ fails
     */
    public void send(String queueArn, String body, Map<String, MessageAttributeValue> attributes) {
        String[] parts = queueArn.split(":", 6);
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        String queueUrl = endpoint + "/" + parts[4] + "/" + parts[5];
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes));
    }

    @Override
    public void close() {
        sqs.close();
    }
}
