package org.emotionanalyser.tenants.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.emotionanalyser.router.domain.EventContract;
import org.emotionanalyser.tenants.domain.ProvisionedResources;
import org.emotionanalyser.router.domain.TenantResourceNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class AwsTenantResourcesTest {

    private static final String CONSUMER = "arn:aws:lambda:eu-west-1:123456789012:function:p-tenant-consumer";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingMessagingServer aws;
    private AwsTenantResources resources;
    private final TenantResourceNames names = TenantResourceNames.of("emotion-analyser-dev", "acme-events");

    @BeforeEach
    void setUp() {
        aws = new RecordingMessagingServer();
        AwsClientSettings settings = AwsClientSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", aws.endpoint(), "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));
        Duration timeout = Duration.ofSeconds(10);
        resources = new AwsTenantResources(settings.build(SqsClient.builder(), timeout),
                settings.build(EventBridgeClient.builder(), timeout), settings.build(SnsClient.builder(), timeout),
                settings.build(LambdaClient.builder(), timeout), "emotion-analyser-dev-bus", CONSUMER, 4);
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    @Test
    void provision_whenNothingExists_createsQueuesRuleTargetTopicAndMappingWithContractSettings() throws Exception {
        ProvisionedResources created = resources.provision(names);

        assertThat(created.queueArn()).endsWith(":emotion-analyser-dev-tenant_acme-events");
        assertThat(created.deadLetterQueueArn()).endsWith(":emotion-analyser-dev-tenant_acme-events_dlq");
        assertThat(created.topicArn()).endsWith(":emotion-analyser-dev-tenant_acme-events");
        assertThat(created.eventSourceMappingId()).isEqualTo("mapping-1");

        JsonNode rule = aws.last("EventBridge.PutRule").body();
        assertThat(rule.path("Name").asText()).isEqualTo("emotion-analyser-dev-tenant_acme-events");
        assertThat(rule.path("EventBusName").asText()).isEqualTo("emotion-analyser-dev-bus");
        assertThat(rule.path("EventPattern").asText()).isEqualTo(EventContract.tenantEventPattern("acme-events"));

        Map<String, String> queue = aws.queues.get("emotion-analyser-dev-tenant_acme-events");
        JsonNode redrive = JSON.readTree(queue.get("RedrivePolicy"));
        assertThat(redrive.path("deadLetterTargetArn").asText()).isEqualTo(created.deadLetterQueueArn());
        assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(4);
        JsonNode statement = JSON.readTree(queue.get("Policy")).path("Statement").path(0);
        assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(statement.path("Action").asText()).isEqualTo("sqs:SendMessage");
        assertThat(statement.path("Resource").asText()).isEqualTo(created.queueArn());
        assertThat(statement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo(created.ruleArn());

        JsonNode target = aws.last("EventBridge.PutTargets").body().path("Targets").path(0);
        assertThat(target.path("Arn").asText()).isEqualTo(created.queueArn());
        assertThat(target.path("DeadLetterConfig").path("Arn").asText()).isEqualTo(created.deadLetterQueueArn());
        assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(185);
        assertThat(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt()).isEqualTo(86_400);
        JsonNode dlqStatement = JSON.readTree(aws.queues.get("emotion-analyser-dev-tenant_acme-events_dlq")
                .get("Policy")).path("Statement").path(0);
        assertThat(dlqStatement.path("Resource").asText()).isEqualTo(created.deadLetterQueueArn());
        assertThat(dlqStatement.path("Condition").path("ArnEquals").path("aws:SourceArn").asText())
                .isEqualTo(created.ruleArn());

        JsonNode mapping = aws.last("Lambda.CreateEventSourceMapping").body();
        assertThat(mapping.path("FunctionName").asText()).isEqualTo(CONSUMER);
        assertThat(mapping.path("EventSourceArn").asText()).isEqualTo(created.queueArn());
        assertThat(mapping.path("BatchSize").asInt()).isEqualTo(10);
        assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(1);
        assertThat(mapping.path("FunctionResponseTypes").toString()).isEqualTo("[\"ReportBatchItemFailures\"]");
        // One tenant's backlog drives at most 5 concurrent consumer invocations.
        assertThat(mapping.path("ScalingConfig").path("MaximumConcurrency").asInt()).isEqualTo(5);
    }

    @Test
    void provision_whenRepeated_reusesEverythingAndCreatesNoSecondQueueOrMapping() {
        ProvisionedResources first = resources.provision(names);
        aws.clearCalls();

        ProvisionedResources second = resources.provision(names);

        assertThat(second).isEqualTo(first);
        assertThat(aws.operations()).doesNotContain("SQS.CreateQueue", "Lambda.CreateEventSourceMapping",
                "Lambda.UpdateEventSourceMapping");
        assertThat(aws.mappings).hasSize(1);
    }

    @Test
    void provision_whenTheMappingWasMadeWithoutABatchingWindow_givesItTheWindow() {
        ProvisionedResources first = resources.provision(names);
        // as a mapping made before the window existed is listed
        aws.mappingWindows.clear();
        aws.clearCalls();

        ProvisionedResources second = resources.provision(names);

        assertThat(second.eventSourceMappingId()).isEqualTo(first.eventSourceMappingId());
        assertThat(aws.operations()).doesNotContain("Lambda.CreateEventSourceMapping");
        assertThat(aws.last("Lambda.UpdateEventSourceMapping").body().path("MaximumBatchingWindowInSeconds").asInt())
                .isEqualTo(1);
        assertThat(aws.mappingWindows).containsEntry(first.eventSourceMappingId(), 1);
    }

    @Test
    void provision_whenEarlierRunStoppedAfterTheDeadLetterQueue_finishesTheRest() {
        aws.queues.put("emotion-analyser-dev-tenant_acme-events_dlq", new java.util.LinkedHashMap<>());

        ProvisionedResources created = resources.provision(names);

        assertThat(aws.operations()).containsOnlyOnce("SQS.CreateQueue");
        assertThat(aws.last("SQS.CreateQueue").body().path("QueueName").asText())
                .isEqualTo("emotion-analyser-dev-tenant_acme-events");
        assertThat(created.eventSourceMappingId()).isNotNull();
    }

    @Test
    void teardown_whenProvisioned_deletesMappingTargetRuleQueuesAndTopic() {
        resources.provision(names);
        aws.clearCalls();

        resources.teardown(names);

        assertThat(aws.mappings).isEmpty();
        assertThat(aws.rules).isEmpty();
        assertThat(aws.queues).isEmpty();
        assertThat(aws.topics).isEmpty();
        assertThat(aws.operations()).containsSubsequence("Lambda.DeleteEventSourceMapping",
                "EventBridge.RemoveTargets", "EventBridge.DeleteRule", "SQS.DeleteQueue", "SNS.DeleteTopic");
    }

    @Test
    void teardown_whenNothingExists_succeedsWithoutDeletingQueuesRulesOrMappings() {
        resources.teardown(names);

        assertThat(aws.operations()).doesNotContain("SQS.DeleteQueue", "EventBridge.RemoveTargets",
                "EventBridge.DeleteRule", "Lambda.DeleteEventSourceMapping");
    }
}
