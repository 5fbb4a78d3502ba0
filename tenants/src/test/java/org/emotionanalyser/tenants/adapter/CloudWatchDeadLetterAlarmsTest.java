package org.emotionanalyser.tenants.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CloudWatch client against a loopback endpoint that records each call's operation and body. */
class CloudWatchDeadLetterAlarmsTest {

    private static final String DLQ = "emotion-analyser-dev-tenant_acme_dlq";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:emotion-analyser-dev-alarms";
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    /** One recorded call: the operation (last path segment) and its decoded body. */
    private record Call(String operation, JsonNode body) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server = LoopbackHttpServer.start(exchange -> {
        // CloudWatch's RPC v2 CBOR protocol (what this SDK sends): POST .../operation/<Name> with a CBOR body.
        String path = exchange.getRequestURI().getPath();
        calls.add(new Call(path.substring(path.lastIndexOf('/') + 1),
                CBOR.readTree(exchange.getRequestBody().readAllBytes())));
        byte[] answer = CBOR.writeValueAsBytes(Map.of());
        exchange.getResponseHeaders().set("Content-Type", "application/cbor");
        exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    });
    private final CloudWatchClient cloudWatch = AwsClientSettings.fromEnvironment(Map.of(
            "AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL", server.endpoint(),
            "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"))
            .build(CloudWatchClient.builder(), Duration.ofSeconds(10));
    private final CloudWatchDeadLetterAlarms alarms = new CloudWatchDeadLetterAlarms(cloudWatch, TOPIC);

    @AfterEach
    void stop() {
        cloudWatch.close();
        server.close();
    }

    @Test
    void ensure_whenATenantDlqIsCreated_putsAnAlarmOnItsVisibleMessagesNotifyingTheAlarmTopic() {
        alarms.ensure(DLQ);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("PutMetricAlarm");
            JsonNode body = call.body();
            assertThat(body.path("AlarmName").asText()).isEqualTo(DLQ + "-not-empty");
            assertThat(body.path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(body.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(body.path("Dimensions").path(0).path("Name").asText()).isEqualTo("QueueName");
            assertThat(body.path("Dimensions").path(0).path("Value").asText()).isEqualTo(DLQ);
            assertThat(body.path("AlarmActions").path(0).asText()).isEqualTo(TOPIC);
            assertThat(body.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(body.path("TreatMissingData").asText()).isEqualTo("notBreaching");
        });
    }

    @Test
    void remove_whenTheTenantIsDeleted_deletesThatAlarm() {
        alarms.remove(DLQ);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.operation()).isEqualTo("DeleteAlarms");
            assertThat(call.body().path("AlarmNames").path(0).asText()).isEqualTo(DLQ + "-not-empty");
        });
    }
}
