package org.emotionanalyser.tenants.adapter;

import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The real CloudWatch client against a loopback endpoint that records each call's operation and body. */
class CloudWatchDeadLetterAlarmsTest {

    private static final String DLQ = "emotion-analyser-dev-tenant-acme-dlq";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:emotion-analyser-dev-alarms";

    private final List<Map<String, String>> calls = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server = LoopbackHttpServer.start(exchange -> {
        // CloudWatch's query protocol: a form body with Action and flattened parameters, an XML answer.
        Map<String, String> call = LoopbackHttpServer.formParameters(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        calls.add(call);
        byte[] answer = ("<" + call.get("Action") + "Response xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                + "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></" + call.get("Action")
                + "Response>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
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

        assertThat(calls).singleElement().satisfies(call -> assertThat(call).contains(
                Map.entry("Action", "PutMetricAlarm"),
                Map.entry("AlarmName", DLQ + "-not-empty"),
                Map.entry("Namespace", "AWS/SQS"),
                Map.entry("MetricName", "ApproximateNumberOfMessagesVisible"),
                Map.entry("Dimensions.member.1.Name", "QueueName"),
                Map.entry("Dimensions.member.1.Value", DLQ),
                Map.entry("AlarmActions.member.1", TOPIC),
                Map.entry("ComparisonOperator", "GreaterThanThreshold"),
                Map.entry("TreatMissingData", "notBreaching")));
    }

    @Test
    void remove_whenTheTenantIsDeleted_deletesThatAlarm() {
        alarms.remove(DLQ);

        assertThat(calls).singleElement().satisfies(call -> assertThat(call).contains(
                Map.entry("Action", "DeleteAlarms"), Map.entry("AlarmNames.member.1", DLQ + "-not-empty")));
    }
}
