package org.emotionanalyser.local.runtime.sqs;

import org.emotionanalyser.local.runtime.sqs.QueuePolicy;
import org.emotionanalyser.local.runtime.sqs.QueuePolicyStore;
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
    private final QueuePolicyStore policies;

    public SqsDelivery(URI elasticMqEndpoint, String region, QueuePolicyStore policies) {
        this.endpoint = elasticMqEndpoint;
        this.policies = policies;
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
        String queueUrl = urlOf(queueArn);
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes));
    }

    /**
     * Sends one message to the queue on behalf of a service, as that service would: only when the queue's policy
     * lets {@code servicePrincipal} send for {@code sourceArn}, as SQS checks it.
     *
     * @throws QueueAccessDeniedException when the queue's policy does not allow it
     */
    public void sendAs(String servicePrincipal, String sourceArn, String queueArn, String body,
                Map<String, MessageAttributeValue> attributes) {
        String queueUrl = urlOf(queueArn);
        String policy = policies.policy(queueArn.substring(queueArn.lastIndexOf(':') + 1)).orElse(null);
        if (!QueuePolicy.parse(policy).allowsSendMessage(servicePrincipal, queueArn, sourceArn)) {
            throw new QueueAccessDeniedException(queueArn, servicePrincipal, sourceArn);
        }
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).messageAttributes(attributes));
    }

    private String urlOf(String queueArn) {
        String[] parts = queueArn.split(":", 6);
        if (parts.length != 6 || !"sqs".equals(parts[2])) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return endpoint + "/" + parts[4] + "/" + parts[5];
    }

    /** SQS refused a service's message because the queue's policy does not allow it. */
    static final class QueueAccessDeniedException extends RuntimeException {
        QueueAccessDeniedException(String queueArn, String principal, String sourceArn) {
            super("the policy of " + queueArn + " does not let " + principal + " send messages from " + sourceArn
                    + ", so SQS refuses them; add a statement allowing sqs:SendMessage for Principal {\"Service\": \""
                    + principal + "\"} with Condition {\"ArnEquals\": {\"aws:SourceArn\": \"" + sourceArn + "\"}}");
        }
    }

    @Override
    public void close() {
        sqs.close();
    }
}
